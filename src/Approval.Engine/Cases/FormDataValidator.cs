using System.Globalization;
using System.Text.Json;
using Approval.Definitions.Model;

namespace Approval.Engine.Cases;

/// <summary>Checks intake form data against the fields the definition declares.</summary>
internal static class FormDataValidator
{
    public static void Collect(IReadOnlyDictionary<string, JsonElement> data, WorkflowDefinition definition, IntakeProblems problems)
    {
        foreach (var (name, value) in data)
        {
            if (!definition.Fields.TryGetValue(name, out var type))
            {
                var declared = definition.Fields.Count == 0 ? "none" : string.Join(", ", definition.Fields.Keys);
                problems.Add(RefusalCodes.UnknownField, new FieldPath($"data.{name}"), $"'{name}' is not a field of {definition.Id} (declared: {declared}).");
            }
            else if (value.ValueKind != JsonValueKind.Null && !Fits(value, type))
            {
                problems.Add(RefusalCodes.FieldType, new FieldPath($"data.{name}"), $"'{name}' must be {Approval.Definitions.Loading.Wording.A(type.ToString().ToLowerInvariant())}, not {Describe(value)}.");
            }
        }
    }

    private static bool Fits(JsonElement value, FieldType type) => type switch
    {
        FieldType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        FieldType.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        FieldType.Number => value.ValueKind == JsonValueKind.Number,
        FieldType.String => value.ValueKind == JsonValueKind.String,
        FieldType.Date => value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => false,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        _ => $"a JSON {value.ValueKind.ToString().ToLowerInvariant()}",
    };
}
