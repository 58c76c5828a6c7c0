using Approval.Calendar;

namespace Approval.Definitions.Model;

/// <summary>Human work on one item (事项) by one department: opens a task (待办) with its own time limit.</summary>
public sealed record TaskStepDefinition : StepDefinition
{
    public required string Department { get; init; }

    /// <summary>The role that works the task inside the department; null means any department clerk.</summary>
    public string? Role { get; init; }

    public required TimeLimit TimeLimit { get; init; }

    /// <summary>Overrides the definition's warning policy for this task; null inherits it.</summary>
    public WarningPolicy? Warning { get; init; }

    /// <summary>What happens when the task passes its due instant.</summary>
    public OverdueAction OnOverdue { get; init; } = OverdueAction.Escalate;

    /// <summary>The most working days a supervisor may add to this task by extension (延期).</summary>
    public int MaxExtensionWorkingDays { get; init; }

    /// <summary>How many supplement rounds (补正) a task may request without a supervisor's leave.</summary>
    public int SupplementRounds { get; init; } = 1;

    /// <summary>The item code (事项编码) in the provincial catalogue, sent with the exchange records about this task; null when not catalogued.</summary>
    public string? ItemCode { get; init; }

    /// <summary>Whether and how the item may be approved on the applicant's commitment (告知承诺制); null when it may not.</summary>
    public CommitmentPolicy? Commitment { get; init; }
}
