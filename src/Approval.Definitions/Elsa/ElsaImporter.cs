using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Approval.Definitions.Elsa.ElsaFormat;

namespace Approval.Definitions.Elsa;

/// <summary>
/// Reads an Elsa 3 workflow-definition JSON (either connection layout, 3.0 or 3.6 names) into the
/// definition language and validates it with <see cref="DefinitionLoader"/>. A flowchart authored
/// in Elsa maps where it can (see docs/elsa.md); otherwise every problem is reported at once, each
/// naming the activity id, its type and its JSON path. Never throws for a bad file.
/// </summary>
/// <remarks>Our own exports come back to the same canonical JSON. Stateless and thread safe.</remarks>
public static class ElsaImporter
{
    private static readonly string[] StudioKeys = ["definitionId", "id", "name", "root"];
    private static readonly string[] TopNative = ["id", "name", "description", "steps", "$schema"];

    public static ElsaImportResult Import(string json, string file, DepartmentRegistry departments)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(departments);
        var problems = new ElsaProblemList();
        if (!NewtonsoftParsing.TryParse(json.TrimStart('\uFEFF'), out var token, out var failure) || token is not JObject document)
        {
            problems.Add(ElsaProblemCodes.NotJson, "$", null, null,
                token is null ? $"The file is not JSON: {failure.Reason} (line {failure.Line}, column {failure.Column})." : "An Elsa workflow definition is a JSON object.");
            return new ElsaImportResult(file, null, null, null, problems.Items);
        }

        var schema = (string?)document["$schema"];
        var looksLikeElsa = schema?.StartsWith(SchemaPrefix, StringComparison.Ordinal) == true
            || StudioKeys.All(k => document[k] is not null);
        if (!looksLikeElsa)
        {
            problems.Add(ElsaProblemCodes.NotElsaDefinition, "$", null, null,
                "Not an Elsa workflow definition: it has neither Elsa's $schema nor all of definitionId, id, name and root (Elsa Studio would skip it silently).");
            return new ElsaImportResult(file, null, null, null, problems.Items);
        }

        if (document["root"] is not JObject root || !string.Equals(ElsaGraph.NormaliseType((string?)root["type"] ?? ""), Flowchart, StringComparison.Ordinal))
        {
            problems.Add(ElsaProblemCodes.NotFlowchart, "$.root", (string?)document["root"]?["id"], (string?)document["root"]?["type"],
                "The root activity must be an Elsa.Flowchart; other roots (Sequence, a single activity) have no block structure to read.");
            return new ElsaImportResult(file, null, null, null, problems.Items);
        }

        var custom = TopCustom(document, problems);
        var id = ElsaSteps.Slug((string?)document["definitionId"] ?? (string?)document["id"] ?? Path.GetFileNameWithoutExtension(file));
        var definition = new JObject
        {
            ["$schema"] = OurSchema,
            ["id"] = id,
            ["name"] = (string?)document["name"] ?? id,
        };
        if ((string?)document["description"] is { Length: > 0 } description)
        {
            definition["description"] = description;
        }

        foreach (var property in custom.Properties().Where(p => !TopNative.Contains(p.Name)))
        {
            definition[property.Name] = property.Value.DeepClone();
        }

        AddVariables(document, definition, problems);
        var reader = new ElsaFlowReader(problems);
        var steps = reader.ReadFlowchart(root, "$.root", isRoot: true);
        AddIntakeAndDelivery(steps);
        definition["steps"] = new JArray(steps);

        var text = definition.ToString(Formatting.Indented);
        var loaded = DefinitionLoader.Load(text, $"{id}.json", departments);
        AddValidationErrors(definition, loaded, problems);
        return new ElsaImportResult(file, id, text, loaded, problems.Items);
    }

    /// <summary>Imports a file from disk.</summary>
    public static ElsaImportResult ImportFile(string path, DepartmentRegistry departments) =>
        Import(File.ReadAllText(path), path, departments);

    private static JObject TopCustom(JObject document, ElsaProblemList problems)
    {
        switch ((document["customProperties"] as JObject)?[CustomKey])
        {
            case null:
                return [];
            case JObject custom:
                return custom;
            default:
                problems.Add(ElsaProblemCodes.BadCustomProperties, $"$.customProperties['{CustomKey}']", null, null, $"customProperties '{CustomKey}' must be an object.");
                return [];
        }
    }

    /// <summary>Elsa variables are the form fields conditions read; our fields (exact types) win over a variable of the same name.</summary>
    private static void AddVariables(JObject document, JObject definition, ElsaProblemList problems)
    {
        var (variables, path) = ElsaGraph.Items(document, "variables", "$");
        var fields = definition["fields"] as JObject ?? [];
        for (var i = 0; variables is not null && i < variables.Count; i++)
        {
            if ((string?)variables[i]["name"] is not { } name || fields[name] is not null)
            {
                continue;
            }

            var typeName = (string?)variables[i]["typeName"];
            var isArray = variables[i]["isArray"] is { Type: JTokenType.Boolean } flag && (bool)flag;
            if (ElsaTypes.FieldType(typeName) is { } type && !isArray)
            {
                fields[name] = type;
            }
            else
            {
                problems.Add(ElsaProblemCodes.UnsupportedVariable, $"{path}[{i}]", null, null,
                    $"Variable '{name}' of type '{typeName}' is not a form field type (Boolean, Int32/Int64, Decimal/Double, String, DateOnly/DateTime, not arrays).");
            }
        }

        if (fields.Count > 0 && definition["fields"] is null)
        {
            definition.Add("fields", fields);
        }
    }

    // The language requires the window at both ends; a flowchart drawn in Elsa rarely has them.
    private static void AddIntakeAndDelivery(List<JObject> steps)
    {
        if (!steps.Any(s => (string?)s["type"] == "intake"))
        {
            steps.Insert(0, new JObject { ["type"] = "intake", ["id"] = "intake", ["name"] = "综合窗口受理" });
        }

        if (!steps.Any(s => (string?)s["type"] == "delivery"))
        {
            steps.Add(new JObject { ["type"] = "delivery", ["id"] = "delivery", ["name"] = "统一出件" });
        }
    }

    /// <summary>Each validation error, pointed at the activity its step came from.</summary>
    private static void AddValidationErrors(JObject definition, LoadResult loaded, ElsaProblemList problems)
    {
        var origins = new List<(string Path, ElsaActivity Activity)>();
        Index(definition["steps"] as JArray, "$.steps", origins);
        foreach (var error in loaded.Errors)
        {
            var origin = origins.Where(o => error.JsonPath == o.Path || JsonPaths.IsInside(error.JsonPath, o.Path))
                .OrderByDescending(o => o.Path.Length).Select(o => o.Activity).FirstOrDefault();
            if (origin is not null && problems.Concerns(origin.Id))
            {
                continue;
            }

            var message = $"{error.Code} at {error.JsonPath} of the imported definition: {error.Message}";
            if (origin is null)
            {
                problems.Add(ElsaProblemCodes.InvalidDefinition, "$", null, null, message);
            }
            else
            {
                problems.Add(ElsaProblemCodes.InvalidDefinition, origin, message);
            }
        }
    }

    private static void Index(JArray? steps, string path, List<(string, ElsaActivity)> origins)
    {
        for (var i = 0; steps is not null && i < steps.Count; i++)
        {
            IndexStep(steps[i], $"{path}[{i}]", origins);
        }
    }

    private static void IndexStep(JToken token, string path, List<(string, ElsaActivity)> origins)
    {
        if (token is not JObject step)
        {
            return;
        }

        if (step.Annotation<ElsaFlowReader.Origin>() is { } origin)
        {
            origins.Add((path, origin.Activity));
        }

        Index(step["steps"] as JArray, $"{path}.steps", origins);
        var branches = step["branches"] as JArray;
        for (var b = 0; branches is not null && b < branches.Count; b++)
        {
            // A decision's branches are {when, steps}; a parallel's are steps.
            if ((string?)step["type"] == "decision")
            {
                Index(branches[b]["steps"] as JArray, $"{path}.branches[{b}].steps", origins);
            }
            else
            {
                IndexStep(branches[b], $"{path}.branches[{b}]", origins);
            }
        }
    }
}
