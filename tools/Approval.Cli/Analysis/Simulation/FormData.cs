using System.Globalization;
using System.Text.Json;
using Approval.Definitions.Model;

namespace Approval.Cli.Analysis.Simulation;

/// <summary>
/// The case data a dry run evaluates conditions on: a JSON object file and/or <c>field=value</c>
/// pairs, typed by the definition's declared fields. Unknown fields and badly typed values are
/// refused, because a typo would otherwise silently read as false/0/"" and skip a step.
/// </summary>
internal static class FormData
{
    /// <summary>Builds the data; later <paramref name="assignments"/> override the file's values.</summary>
    /// <exception cref="FormatException">Unknown field, bad value or unreadable file; the message says which.</exception>
    public static Dictionary<string, JsonElement> Build(IReadOnlyDictionary<string, FieldType> fields, string? dataJson, IEnumerable<string> assignments)
    {
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (dataJson is not null)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(dataJson);
            }
            catch (JsonException e)
            {
                throw new FormatException($"--data is not valid JSON: {e.Message}", e);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("--data must hold a JSON object of field: value.");
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var type = TypeOf(fields, property.Name);
                    if (!Fits(type, property.Value)) throw new FormatException($"--data field '{property.Name}' is declared {Name(type)} but holds {property.Value.GetRawText()}.");
                    data[property.Name] = property.Value.Clone();
                }
            }
        }

        foreach (var assignment in assignments)
        {
            var eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"--set '{assignment}' is not field=value.");
            var name = assignment[..eq].Trim();
            data[name] = Parse(TypeOf(fields, name), name, assignment[(eq + 1)..].Trim());
        }

        return data;
    }

    private static FieldType TypeOf(IReadOnlyDictionary<string, FieldType> fields, string name) =>
        fields.TryGetValue(name, out var type)
            ? type
            : throw new FormatException($"Field '{name}' is not declared by the definition; its fields are: {(fields.Count == 0 ? "(none)" : string.Join(", ", fields.Keys.Order(StringComparer.Ordinal)))}.");

    private static JsonElement Parse(FieldType type, string name, string text)
    {
        string? json = type switch
        {
            FieldType.Boolean => text is "true" or "false" ? text : null,
            FieldType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i.ToString(CultureInfo.InvariantCulture) : null,
            FieldType.Number => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : null,
            FieldType.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? JsonSerializer.Serialize(text) : null,
            _ => JsonSerializer.Serialize(text),
        };
        if (json is null) throw new FormatException($"--set {name}={text}: {name} is declared {Name(type)}; {Example(type)}.");
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static bool Fits(FieldType type, JsonElement value) => value.ValueKind == JsonValueKind.Null || type switch
    {
        FieldType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        FieldType.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        FieldType.Number => value.ValueKind == JsonValueKind.Number,
        FieldType.Date => value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => value.ValueKind == JsonValueKind.String,
    };

    private static string Name(FieldType type) => type.ToString().ToLowerInvariant();

    private static string Example(FieldType type) => type switch
    {
        FieldType.Boolean => "write true or false",
        FieldType.Integer => "write a whole number such as 40",
        FieldType.Number => "write a number such as 120.5",
        FieldType.Date => "write a date such as 2026-10-08",
        _ => "any text",
    };
}
