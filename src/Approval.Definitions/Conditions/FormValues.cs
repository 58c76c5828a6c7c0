using System.Globalization;
using System.Text.Json;

namespace Approval.Definitions.Conditions;

/// <summary>
/// Reads a field from a case's form data for a condition. A field that is absent, null or of the
/// wrong JSON kind reads as its type's empty value — false, 0, "" or no date — so that evaluation
/// never throws on data that intake has not validated yet.
/// </summary>
internal static class FormValues
{
    public static bool Boolean(IReadOnlyDictionary<string, JsonElement> data, string name) =>
        data.TryGetValue(name, out var e) && e.ValueKind == JsonValueKind.True;

    public static decimal Number(IReadOnlyDictionary<string, JsonElement> data, string name) =>
        data.TryGetValue(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out var d) ? d : 0m;

    public static string String(IReadOnlyDictionary<string, JsonElement> data, string name) =>
        data.TryGetValue(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty;

    public static DateOnly? Date(IReadOnlyDictionary<string, JsonElement> data, string name) =>
        data.TryGetValue(name, out var e) && e.ValueKind == JsonValueKind.String ? ParseDate(e.GetString()!) : null;

    /// <summary>Dates are written <c>YYYY-MM-DD</c>, in form data and in conditions alike.</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
