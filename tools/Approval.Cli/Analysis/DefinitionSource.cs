using Approval.Definitions.Departments;
using Approval.Definitions.Loading;

namespace Approval.Cli.Analysis;

/// <summary>
/// Finds and loads definition files for the analyst commands: expands folders, finds the
/// department registry that belongs to a file, and loads each file with it.
/// </summary>
internal static class DefinitionSource
{
    /// <summary>The folder analysts keep the bundles in, relative to the repository root.</summary>
    public const string DefaultDirectory = "workflows";

    /// <summary>
    /// The nearest <c>workflows</c> folder holding a <c>departments.json</c>: the start directory
    /// itself when it is one, else at or above it (then above the tool's own folder); null when there is none.
    /// </summary>
    public static string? FindWorkflowsDirectory(string startDirectory)
    {
        if (string.Equals(new DirectoryInfo(startDirectory).Name, DefaultDirectory, StringComparison.Ordinal)
            && File.Exists(Path.Combine(startDirectory, DefinitionLoader.DepartmentsFile)))
            return Path.GetFullPath(startDirectory);
        var registry = Lookup.FindUpward(startDirectory, File.Exists, Path.Combine(DefaultDirectory, DefinitionLoader.DepartmentsFile));
        return registry is null ? null : Path.GetDirectoryName(registry);
    }

    /// <summary>
    /// The registry a definition at <paramref name="fileOrDirectory"/> is checked against: a
    /// <c>departments.json</c> (or <c>workflows/departments.json</c>) in its folder or any folder
    /// above it, else the same from the current directory upward, else the tool's own repository's
    /// <c>workflows/</c>. A definition is only valid relative to a registry, so a file moved out of
    /// <c>workflows/</c> (a fixture, a draft in /tmp) is still checked against the real one.
    /// </summary>
    public static string? FindRegistry(string fileOrDirectory) =>
        Lookup.FindUpward(fileOrDirectory, File.Exists, DefinitionLoader.DepartmentsFile, Path.Combine(DefaultDirectory, DefinitionLoader.DepartmentsFile));

    /// <summary>
    /// The definition files named by <paramref name="paths"/>: a file as itself; a folder as its
    /// top-level <c>*.json</c> that are definitions — not <c>departments.json</c>, not a saved
    /// report (<c>*.expected.json</c>, or any file whose JSON is not an object) — in ordinal order.
    /// Sub-folders such as <c>calendars/</c> and <c>schema/</c> are not definitions. A file that
    /// is not even JSON is kept: a definition with a syntax error must be reported, not skipped.
    /// </summary>
    /// <param name="paths">Files and folders as given.</param>
    /// <param name="skipped">Receives the files of a folder that were passed over, so the caller can say so.</param>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, ICollection<string>? skipped = null)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
                {
                    if (string.Equals(Path.GetFileName(file), DefinitionLoader.DepartmentsFile, StringComparison.OrdinalIgnoreCase)) continue;
                    if (IsNotADefinition(file)) skipped?.Add(file);
                    else files.Add(file);
                }
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: {path}", path);
            }
        }

        return files;
    }

    private static bool IsNotADefinition(string file)
    {
        if (file.EndsWith(".expected.json", StringComparison.OrdinalIgnoreCase)) return true;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(file), new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
            return document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Loads <paramref name="file"/> against <paramref name="registryPath"/> (or the registry found
    /// for it). Registries are cached in <paramref name="cache"/> so a folder is read once.
    /// </summary>
    /// <exception cref="InvalidDataException">No registry is found, or it is invalid.</exception>
    public static LoadResult Load(string file, string? registryPath, Dictionary<string, DepartmentRegistry>? cache = null) =>
        Load(file, registryPath, cache, out _);

    /// <summary>As <see cref="Load(string, string?, Dictionary{string, DepartmentRegistry}?)"/>, also handing out the registry used (for department names).</summary>
    public static LoadResult Load(string file, string? registryPath, Dictionary<string, DepartmentRegistry>? cache, out DepartmentRegistry registryUsed)
    {
        var registryFile = registryPath ?? FindRegistry(file)
            ?? throw new InvalidDataException($"{file}: no {DefinitionLoader.DepartmentsFile} found (looked in {Lookup.Describe(file)}); pass --departments FILE, e.g. --departments workflows/{DefinitionLoader.DepartmentsFile}.");
        var key = Path.GetFullPath(registryFile);
        DepartmentRegistry? registry = null;
        if (cache?.TryGetValue(key, out registry) != true || registry is null)
        {
            if (!File.Exists(registryFile)) throw new InvalidDataException($"Department registry not found: {registryFile}");
            registry = DepartmentRegistry.Load(registryFile);
            if (cache is not null) cache[key] = registry;
        }

        registryUsed = registry;
        return DefinitionLoader.LoadFile(file, registry);
    }

    /// <summary>Loads one file for a command that needs a valid definition; writes why not and returns null otherwise.</summary>
    public static LoadResult? LoadValid(string file, string? registryPath, TextWriter error) => LoadValid(file, registryPath, error, out _);

    /// <summary>As <see cref="LoadValid(string, string?, TextWriter)"/>, also handing out the registry used.</summary>
    public static LoadResult? LoadValid(string file, string? registryPath, TextWriter error, out DepartmentRegistry registry)
    {
        registry = DepartmentRegistry.Empty;
        if (!File.Exists(file))
        {
            error.WriteLine($"error: no such file: {file}");
            return null;
        }

        LoadResult result;
        try
        {
            result = Load(file, registryPath, null, out registry);
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }

        foreach (var finding in result.Diagnostics) error.WriteLine(finding.ToString());
        if (!result.Succeeded)
        {
            error.WriteLine($"error: {file} has {result.Errors.Count} error(s); run 'approval validate {file}' and fix them first.");
            return null;
        }

        return result;
    }
}
