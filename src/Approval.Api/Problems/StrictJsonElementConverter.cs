using System.Text.Json;
using System.Text.Json.Serialization;

namespace Approval.Api.Problems;

/// <summary>
/// Reads free-form JSON (form <c>data</c>, a definition to publish) the way typed fields are read:
/// a string holding invalid UTF-8 or a lone surrogate, or a number no double can hold, is refused
/// at the JSON path where it stands. System.Text.Json checks those only when a string is decoded,
/// so a <see cref="JsonElement"/> would otherwise carry them into the engine, where decoding throws
/// (a 500) or writing replaces them with U+FFFD (silently changed data).
/// </summary>
internal sealed class StrictJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        if (FirstFault(element, "") is { } fault)
        {
            // No path given: the serializer adds the path of the member being read.
            throw new JsonException(fault);
        }

        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    /// <summary>What is wrong with the first unreadable string or number below <paramref name="element"/>, or null.</summary>
    private static string? FirstFault(JsonElement element, string at)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(element) ? null : $"The string{Where(at)} is not valid UTF-8 text (invalid bytes or a lone surrogate).";
            case JsonValueKind.Number:
                return element.TryGetDouble(out var number) && double.IsFinite(number) ? null : $"The number{Where(at)} is out of range.";
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstFault(item, $"{at}[{i++}]") is { } fault)
                    {
                        return fault;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return $"A property name{Where(at)} is not valid UTF-8 text (invalid bytes or a lone surrogate).";
                    }

                    if (FirstFault(property.Value, $"{at}.{name}") is { } fault)
                    {
                        return fault;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Where(string at) => at.Length == 0 ? "" : $" at {at.TrimStart('.')}";
}
