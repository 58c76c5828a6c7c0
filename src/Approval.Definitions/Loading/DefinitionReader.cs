using Approval.Definitions.Conditions;
using Approval.Definitions.Departments;
using Approval.Definitions.Model;
using Newtonsoft.Json.Linq;

namespace Approval.Definitions.Loading;

/// <summary>Reads the top level of a definition (identity, limits, fields, materials) and hands <c>steps</c> to <see cref="StepReader"/>.</summary>
internal static class DefinitionReader
{
    private static readonly string[] FieldTypes = ["boolean", "integer", "number", "string", "date"];

    /// <summary>The model with placeholders where values were wrong, or null when the root is not an object.</summary>
    public static WorkflowDefinition? Read(JToken root, Diagnostics diagnostics, DepartmentRegistry departments)
    {
        const string what = "A workflow definition";
        var o = JsonObjectReader.Open(root, JsonPaths.Root, diagnostics, what,
            "$schema", "id", "name", "description", "timeLimit", "warning", "maxExtensionWorkingDays", "fields", "materials", "steps");
        if (o is null)
        {
            return null;
        }

        o.String("$schema", what, required: false);
        var id = o.String("id", what, required: true, Patterns.KebabId(), Patterns.KebabHint) ?? string.Empty;
        var name = o.String("name", what, required: true) ?? string.Empty;
        var description = o.String("description", what, required: false);
        var limit = o.Has("timeLimit") ? TimeLimitReader.ReadLimit(o.Get("timeLimit"), o.PathOf("timeLimit"), diagnostics) : null;
        var warning = (o.Has("warning") ? TimeLimitReader.ReadWarning(o.Get("warning"), o.PathOf("warning"), WarningPolicy.Default, diagnostics) : null)
            ?? WarningPolicy.Default;
        var fields = ReadFields(o, diagnostics);
        var materials = ReadMaterials(o, diagnostics);

        var stepsPath = o.PathOf("steps");
        var array = o.Array("steps", what, required: true);
        var steps = array is null ? [] : new StepReader(diagnostics, departments, fields, warning).ReadSteps(array, stepsPath);
        if (array is { Count: 0 })
        {
            diagnostics.Add(ErrorCodes.EmptyBlock, stepsPath, "The definition has no steps.");
        }

        return new WorkflowDefinition
        {
            Id = id,
            Name = name,
            Description = description,
            TimeLimit = limit,
            Warning = warning,
            MaxExtensionWorkingDays = o.Integer("maxExtensionWorkingDays", 0) ?? 0,
            Fields = fields,
            Materials = materials,
            Steps = steps,
        };
    }

    private static Dictionary<string, FieldType> ReadFields(JsonObjectReader o, Diagnostics diagnostics)
    {
        var fields = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        var token = o.Get("fields");
        if (token is null)
        {
            return fields;
        }

        if (token is not JObject obj)
        {
            diagnostics.Add(ErrorCodes.WrongType, o.PathOf("fields"), $"'fields' must be an object of name → type, found {JsonObjectReader.Describe(token)}.");
            return fields;
        }

        foreach (var property in obj.Properties())
        {
            var path = JsonPaths.Property(o.PathOf("fields"), property.Name);
            if (!Patterns.FieldName().IsMatch(property.Name) || ConditionCompiler.IsReserved(property.Name))
            {
                diagnostics.Add(ErrorCodes.InvalidValue, path,
                    $"Field name '{property.Name}' must be {Patterns.FieldHint}, and not a reserved word (and, or, not, in, true, false).", Anchor.Name);
                continue;
            }

            if (property.Value.Type != JTokenType.String)
            {
                diagnostics.Add(ErrorCodes.WrongType, path, $"The type of field '{property.Name}' must be a string, one of {string.Join(", ", FieldTypes)}.");
                continue;
            }

            var type = (string)property.Value!;
            if (Array.IndexOf(FieldTypes, type) < 0)
            {
                diagnostics.Add(ErrorCodes.InvalidValue, path, $"Field '{property.Name}' has unknown type '{type}'; use one of {string.Join(", ", FieldTypes)}.");
                continue;
            }

            fields[property.Name] = Enum.Parse<FieldType>(type, ignoreCase: true);
        }

        return fields;
    }

    private static List<MaterialDefinition> ReadMaterials(JsonObjectReader o, Diagnostics diagnostics)
    {
        var materials = new List<MaterialDefinition>();
        var array = o.Array("materials", "A workflow definition", required: false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; array is not null && i < array.Count; i++)
        {
            const string what = "A material";
            var path = JsonPaths.Index(o.PathOf("materials"), i);
            var m = JsonObjectReader.Open(array[i], path, diagnostics, what, "id", "name", "description", "required", "deferrable");
            if (m is null)
            {
                continue;
            }

            var id = m.String("id", what, required: true, Patterns.KebabId(), Patterns.KebabHint);
            if (id is not null && !seen.Add(id))
            {
                diagnostics.Add(ErrorCodes.DuplicateMaterialId, m.PathOf("id"), $"Material id '{id}' is used twice.");
            }

            m.String("description", what, required: false);
            var name = m.String("name", what, required: true);

            // A material is required unless it says otherwise: the design's example lists a deferrable lease without "required".
            materials.Add(new MaterialDefinition(id ?? string.Empty, name ?? string.Empty, m.Boolean("required") ?? true, m.Boolean("deferrable") ?? false));
        }

        return materials;
    }
}
