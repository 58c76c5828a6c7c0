using System.Text.RegularExpressions;

namespace Approval.Definitions.Loading;

/// <summary>The identifier shapes of the language; workflows/schema/workflow.schema.json uses the same patterns.</summary>
internal static partial class Patterns
{
    public const string KebabHint = "kebab-case ASCII (lower-case letters, digits and single hyphens, e.g. food-permit)";
    public const string FieldHint = "a name of ASCII letters, digits and _ that does not start with a digit (e.g. hasOutdoorSign)";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex KebabId();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    public static partial Regex FieldName();
}
