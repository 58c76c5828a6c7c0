namespace Approval.Testing;

/// <summary>
/// The repository's folders, found from the test binaries wherever the tests run: the first
/// ancestor of <see cref="AppContext.BaseDirectory"/> holding both <c>src/</c> and
/// <c>workflows/departments.json</c>.
/// </summary>
public static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped workflow library (<c>workflows/</c>).</summary>
    public static string Workflows => Path.Combine(Root, "workflows");

    /// <summary>The official holiday calendars (<c>workflows/calendars</c>).</summary>
    public static string Calendars => Path.Combine(Workflows, "calendars");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "src")) && File.Exists(Path.Combine(dir.FullName, "workflows", "departments.json")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (src/ and workflows/departments.json) is not above " + AppContext.BaseDirectory);
    }
}
