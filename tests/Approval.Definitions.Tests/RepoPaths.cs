namespace Approval.Definitions.Tests;

/// <summary>Finds the repository's folders from the test binaries, wherever the tests run from.</summary>
internal static class RepoPaths
{
    public static string Root => Approval.Testing.RepositoryPaths.Root;

    public static string Workflows => Approval.Testing.RepositoryPaths.Workflows;

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures", "definitions");

    public static string Docs => Path.Combine(Root, "docs");
}
