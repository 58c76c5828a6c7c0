using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Approval.Engine.Cases.Events;

namespace Approval.Persistence.Cases;

/// <summary>
/// Turns events into their stored JSON and back. The payload keeps Chinese text readable (no
/// \u escapes) because the stored events are the audit trail people read.
/// </summary>
public static class EventSerializer
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Serialize(CaseEvent e) => JsonSerializer.Serialize(e, Options);

    public static CaseEvent Deserialize(string payload) =>
        JsonSerializer.Deserialize<CaseEvent>(payload, Options) ?? throw new JsonException("An event payload was null.");

    /// <summary>Serializes an event and reads back its stable type name (the discriminator, written first).</summary>
    public static (string Type, string Payload) Write(CaseEvent e)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(e, Options);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        reader.Read();
        reader.Read();
        return (reader.GetString()!, System.Text.Encoding.UTF8.GetString(bytes));
    }
}
