using Approval.Definitions.Departments;
using Approval.Definitions.Validation;

namespace Approval.Definitions.Loading;

/// <summary>
/// Loads and validates workflow definitions (one JSON file per 一件事). Reports every problem of
/// a file at once — syntax, JSON Schema, shape, departments, conditions, time limits — each with
/// a stable code, line:column and JSON path, and never throws for a bad definition.
/// </summary>
/// <remarks>Stateless and thread safe; files may be loaded in parallel.</remarks>
public static class DefinitionLoader
{
    /// <summary>The file in a workflows folder that holds the department registry, not a definition.</summary>
    public const string DepartmentsFile = "departments.json";

    /// <summary>
    /// Loads one definition from text. <paramref name="file"/> names the source in findings; when
    /// it ends in <c>.json</c> the definition's <c>id</c> must equal the file's base name (APV031).
    /// </summary>
    public static LoadResult Load(string json, string file, DepartmentRegistry departments)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(departments);
        json = json.TrimStart('\uFEFF');

        var map = SourceMap.Build(json);
        var diagnostics = new Diagnostics(file, map);
        if (map.SyntaxError is { } syntax)
        {
            diagnostics.AddAt(ErrorCodes.InvalidJson, JsonPaths.Root, syntax.Line, syntax.Column, $"The file is not valid JSON: {syntax.Reason}");
            return new LoadResult(file, null, diagnostics.Items, null, null);
        }

        foreach (var (path, line, column) in map.DuplicateKeys)
        {
            diagnostics.AddAt(ErrorCodes.DuplicateProperty, path, line, column, $"Property '{path[(path.LastIndexOf('.') + 1)..]}' appears twice in the same object; the last one would win.");
        }

        if (!NewtonsoftParsing.TryParse(json, out var root, out var failure))
        {
            diagnostics.AddAt(ErrorCodes.InvalidJson, JsonPaths.Root, failure.Line, failure.Column, $"The file is not valid JSON: {failure.Reason}");
            return new LoadResult(file, null, diagnostics.Items, null, null);
        }

        var canonical = CanonicalJson.Write(root);
        var definition = DefinitionReader.Read(root, diagnostics, departments);
        if (definition is not null)
        {
            StepIdRule.Check(definition, diagnostics);
            FlowShapeRule.Check(definition, diagnostics);
            CaseLimitRule.Check(definition, diagnostics);
            YellowCardRule.Check(definition, diagnostics);
            SendBackRule.Check(definition, diagnostics);
            CheckFileName(definition.Id, file, diagnostics);
        }

        AddSchemaFindings(root, diagnostics);

        var ordered = diagnostics.Items
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.JsonPath, StringComparer.Ordinal)
            .ToList();
        return new LoadResult(file, definition, ordered, canonical, CanonicalJson.Hash(canonical));
    }

    /// <summary>Loads one definition file.</summary>
    public static LoadResult LoadFile(string path, DepartmentRegistry departments) =>
        Load(File.ReadAllText(path), path, departments);

    /// <summary>
    /// Loads every <c>*.json</c> directly in <paramref name="workflowsDir"/> except
    /// <see cref="DepartmentsFile"/>, in ordinal file-name order. Sub-folders (<c>schema/</c>,
    /// <c>calendars/</c>) are not definitions and are not read.
    /// </summary>
    public static IReadOnlyList<LoadResult> LoadDirectory(string workflowsDir, DepartmentRegistry departments) =>
        [.. Directory.EnumerateFiles(workflowsDir, "*.json", SearchOption.TopDirectoryOnly)
            .Where(f => !string.Equals(System.IO.Path.GetFileName(f), DepartmentsFile, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => LoadFile(f, departments))];

    /// <summary>As <see cref="LoadDirectory(string, DepartmentRegistry)"/>, reading the registry from the folder's <see cref="DepartmentsFile"/>.</summary>
    /// <exception cref="InvalidDataException">The department registry is invalid.</exception>
    public static IReadOnlyList<LoadResult> LoadDirectory(string workflowsDir) =>
        LoadDirectory(workflowsDir, DepartmentRegistry.Load(System.IO.Path.Combine(workflowsDir, DepartmentsFile)));

    private static void CheckFileName(string id, string file, Diagnostics diagnostics)
    {
        if (id.Length == 0 || !file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var stem = System.IO.Path.GetFileNameWithoutExtension(file);
        if (!string.Equals(stem, id, StringComparison.Ordinal))
        {
            diagnostics.Add(ErrorCodes.IdDoesNotMatchFile, "$.id", $"The definition id '{id}' differs from its file name '{stem}.json'; one file per 一件事, named by its id.");
        }
    }

    // The schema is a second opinion: its findings are kept only where the loader's own rules
    // said nothing about the same value (or about an enclosing value they could not read).
    private static void AddSchemaFindings(Newtonsoft.Json.Linq.JToken root, Diagnostics diagnostics)
    {
        var ownErrors = diagnostics.Items.Where(d => d.Severity == Severity.Error).ToList();
        foreach (var mapped in DefinitionSchema.Validate(root))
        {
            var covered = (mapped.Path == JsonPaths.Root && mapped.Code == ErrorCodes.SchemaViolation && ownErrors.Count > 0)
                || ownErrors.Any(e => e.JsonPath == mapped.Path
                || (JsonPaths.IsInside(mapped.Path, e.JsonPath) && e.Code is ErrorCodes.WrongType or ErrorCodes.UnknownStepType or ErrorCodes.UnknownJoinRule or ErrorCodes.UnknownProperty)
                || (JsonPaths.IsInside(mapped.Path, JsonPaths.Parent(e.JsonPath) ?? "$") && e.Code == ErrorCodes.UnknownStepType));
            if (!covered)
            {
                diagnostics.Add(mapped.Code, mapped.Path, mapped.Message, mapped.Anchor);
            }
        }
    }
}
