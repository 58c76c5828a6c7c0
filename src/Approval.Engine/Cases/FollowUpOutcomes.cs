namespace Approval.Engine.Cases;

/// <summary>What the applicant said when followed up (回访) after a rectification, as the wire spells it.</summary>
public static class FollowUpOutcomes
{
    /// <summary>The applicant is satisfied with the rectification.</summary>
    public const string Satisfied = "satisfied";

    /// <summary>The applicant is still dissatisfied; the record stays for the supervisor's statistics.</summary>
    public const string Dissatisfied = "dissatisfied";

    /// <summary>The applicant could not be reached after reasonable attempts.</summary>
    public const string Unreachable = "unreachable";

    public static IReadOnlyList<string> All { get; } = [Satisfied, Dissatisfied, Unreachable];

    public static bool IsKnown(string? outcome) => All.Contains(outcome, StringComparer.Ordinal);
}
