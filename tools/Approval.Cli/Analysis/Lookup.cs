namespace Approval.Cli.Analysis;

/// <summary>
/// Where the CLI looks for the files a definition is judged against (departments.json, the
/// calendar year files) when none is named: the definition's own folder and every folder above
/// it, then the current directory and every folder above it, then the repository the tool was
/// built in. So <c>cd workflows &amp;&amp; approval validate .</c>, a draft in <c>/tmp</c> and a
/// fixture deep under <c>tests/</c> all find the library's registry.
/// </summary>
internal static class Lookup
{
    /// <summary>The folders to search upward from, nearest first, without repeats.</summary>
    public static IReadOnlyList<string> Starts(string? fileOrDirectory)
    {
        var starts = new List<string>();
        if (fileOrDirectory is not null)
        {
            var full = Path.GetFullPath(fileOrDirectory);
            if ((Directory.Exists(full) ? full : Path.GetDirectoryName(full)) is { } folder) starts.Add(folder);
        }

        starts.Add(Environment.CurrentDirectory);
        // A dll run from tools/Approval.Cli/bin/… (or a tool packed from this repository and run
        // inside it) still knows its own repository's workflows/.
        starts.Add(AppContext.BaseDirectory);
        return starts.Select(s => Path.TrimEndingDirectorySeparator(Path.GetFullPath(s))).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The first existing path among <paramref name="relativeCandidates"/> in any folder at or
    /// above any of <see cref="Starts"/>; null when there is none.
    /// </summary>
    public static string? FindUpward(string? fileOrDirectory, Func<string, bool> exists, params string[] relativeCandidates)
    {
        foreach (var start in Starts(fileOrDirectory))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var relative in relativeCandidates)
                {
                    var candidate = Path.Combine(dir.FullName, relative);
                    if (exists(candidate)) return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Where <see cref="FindUpward"/> looked, for an error message that tells the user what to pass instead.</summary>
    public static string Describe(string? fileOrDirectory) =>
        string.Join(", ", Starts(fileOrDirectory).Select(s => s + " and above"));
}
