namespace Approval.Engine.Cases;

/// <summary>Where a step of the flow stands; composite steps derive theirs from their children.</summary>
public enum StepOutcome
{
    NotStarted,
    Running,
    Approved,
    Rejected,
    Skipped,
    Cancelled,
}

internal static class StepOutcomeExtensions
{
    public static bool IsTerminal(this StepOutcome outcome) =>
        outcome is StepOutcome.Approved or StepOutcome.Rejected or StepOutcome.Skipped or StepOutcome.Cancelled;
}
