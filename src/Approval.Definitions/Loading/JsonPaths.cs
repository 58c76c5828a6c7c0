using System.Text.RegularExpressions;

namespace Approval.Definitions.Loading;

/// <summary>
/// Builds the JSON paths shown to analysts (<c>$.steps[1].branches[0].department</c>) and
/// converts NJsonSchema's paths (<c>#/steps[1].branches[0].department</c>) to the same form,
/// so both kinds of finding can be matched and located by one key.
/// </summary>
internal static partial class JsonPaths
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        PlainName().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    public static string FromSchemaPath(string schemaPath)
    {
        var p = schemaPath.StartsWith("#/", StringComparison.Ordinal) ? schemaPath[2..] : schemaPath.TrimStart('#');
        if (p.Length == 0)
        {
            return Root;
        }

        return p[0] == '[' ? Root + p : Root + "." + p;
    }

    /// <summary>The enclosing path, or null for the root.</summary>
    public static string? Parent(string path)
    {
        if (path == Root)
        {
            return null;
        }

        var cut = path.EndsWith(']')
            ? path.LastIndexOf('[')
            : path.LastIndexOf('.');
        return cut <= 0 ? Root : path[..cut];
    }

    /// <summary>True when <paramref name="path"/> lies strictly inside <paramref name="ancestor"/>.</summary>
    public static bool IsInside(string path, string ancestor) =>
        path.Length > ancestor.Length
        && path.StartsWith(ancestor, StringComparison.Ordinal)
        && path[ancestor.Length] is '.' or '[';

    [GeneratedRegex("^[A-Za-z0-9_$-]+$")]
    private static partial Regex PlainName();
}
