using Approval.Definitions.Departments;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Approval.Definitions.Loading;

/// <summary>
/// The JSON Schema of the definition language (workflows/schema/workflow.schema.json, embedded
/// in this assembly). Editors complete and check definitions with it; the loader validates every
/// definition against it as well, as a second opinion beside its own rules.
/// </summary>
/// <remarks>Thread safe: the parsed schema is built once and validation is serialised on it.</remarks>
public static class DefinitionSchema
{
    private const string ResourceName = "Approval.Definitions.workflow.schema.json";
    private static readonly Lazy<string> LazyText = new(ReadResource);
    private static readonly Lazy<JsonSchema> LazySchema = new(() => Task.Run(() => JsonSchema.FromJsonAsync(LazyText.Value)).GetAwaiter().GetResult());
    private static readonly Lock Gate = new();

    /// <summary>The schema text, e.g. to serve it to editors from the API.</summary>
    public static string Text => LazyText.Value;

    /// <summary>Validates <paramref name="json"/> against the schema alone (no semantic rules); bad JSON gives one APV001 error.</summary>
    public static IReadOnlyList<DefinitionError> Validate(string json, string file)
    {
        json = json.TrimStart('\uFEFF');
        var map = SourceMap.Build(json);
        var diagnostics = new Diagnostics(file, map);
        if (map.SyntaxError is { } syntax)
        {
            diagnostics.AddAt(ErrorCodes.InvalidJson, JsonPaths.Root, syntax.Line, syntax.Column, $"The file is not valid JSON: {syntax.Reason}");
            return diagnostics.Items;
        }

        if (!NewtonsoftParsing.TryParse(json, out var root, out var failure))
        {
            diagnostics.AddAt(ErrorCodes.InvalidJson, JsonPaths.Root, failure.Line, failure.Column, $"The file is not valid JSON: {failure.Reason}");
            return diagnostics.Items;
        }

        foreach (var mapped in Validate(root))
        {
            diagnostics.Add(mapped.Code, mapped.Path, mapped.Message, mapped.Anchor);
        }

        return diagnostics.Items;
    }

    internal static List<SchemaErrorMapper.Mapped> Validate(JToken root)
    {
        ICollection<NJsonSchema.Validation.ValidationError> errors;
        try
        {
            lock (Gate)
            {
                errors = LazySchema.Value.Validate(root);
            }
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException or FormatException)
        {
            // NJsonSchema cannot hold integers beyond decimal (e.g. 1e30 written out); the loader's own rules report them.
            return [new SchemaErrorMapper.Mapped(ErrorCodes.SchemaViolation, JsonPaths.Root, Anchor.Value, $"JSON Schema: the validator could not check this file ({ex.Message}).")];
        }

        return errors.SelectMany(SchemaErrorMapper.Map).Distinct().ToList();
    }

    private static string ReadResource()
    {
        using var stream = typeof(DepartmentRegistry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded schema {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
