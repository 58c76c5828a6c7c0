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
    /// The nearest <c>workflows</c> folder holding a <c>departments.json</c>, at or above
    /// <paramref name="startDirectory"/>; null when there is none.
    /// </summary>
    public static string? FindWorkflowsDirectory(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultDirectory);
            if (File.Exists(Path.Combine(candidate, DefinitionLoader.DepartmentsFile))) return candidate;
        }

        return null;
    }

    /// <summary>
    /// The registry a definition at <paramref name="fileOrDirectory"/> is checked against: a
    /// <c>departments.json</c> beside it, else the nearest one in a folder (or its <c>workflows</c>
    /// sub-folder) above it. A definition is only valid relative to a registry, so a file moved out
    /// of <c>workflows/</c> (a fixture, a draft) is still checked against the real one.
    /// </summary>
    public static string? FindRegistry(string fileOrDirectory)
    {
        var full = Path.GetFullPath(fileOrDirectory);
        var start = Directory.Exists(full) ? full : Path.GetDirectoryName(full);
        for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, DefinitionLoader.DepartmentsFile), Path.Combine(dir.FullName, DefaultDirectory, DefinitionLoader.DepartmentsFile) })
            {
                if (File.Exists(candidate)) return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The definition files named by <paramref name="paths"/>: a file as itself, a folder as its
    /// top-level <c>*.json</c> except <c>departments.json</c> (sub-folders such as
    /// <c>calendars/</c> and <c>schema/</c> are not definitions), in ordinal order.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.json", SearchOption.TopDirectoryOnly)
                    .Where(f => !string.Equals(Path.GetFileName(f), DefinitionLoader.DepartmentsFile, StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
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
            ?? throw new InvalidDataException($"{file}: no {DefinitionLoader.DepartmentsFile} found beside it or above it; pass --departments FILE.");
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
