namespace Approval.Definitions.Conditions;

/// <summary>
/// The sandbox of the condition language. A condition has no loops, calls or variables, so
/// bounding its source length and nesting depth at publish time bounds evaluation time, stack
/// depth and memory: evaluation visits each node of a tree of at most <see cref="MaxLength"/> nodes once.
/// </summary>
public static class ConditionLimits
{
    /// <summary>Longest condition source, in characters.</summary>
    public const int MaxLength = 500;

    /// <summary>Deepest nesting of parentheses and <c>not</c>.</summary>
    public const int MaxDepth = 32;
}
