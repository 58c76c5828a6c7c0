namespace Approval.Persistence.Rows;

/// <summary>A department task as its case's events left it; indexed for inboxes and deadline sweeps.</summary>
public sealed class TaskRow
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string StepId { get; set; } = "";
    public string Department { get; set; } = "";
    public string? Role { get; set; }

    /// <summary>The task's <c>TaskKind</c> by name; rows written before kinds existed are approval tasks.</summary>
    public string Kind { get; set; } = "Approval";
    public string Status { get; set; } = "";
    public string? ClaimedBy { get; set; }
    public DateTime OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime DueAt { get; set; }
    public bool DueProvisional { get; set; }

    /// <summary>When the deadline engine must next look at this task (its next card or silent approval); null when nothing is pending.</summary>
    public DateTime? NextAlertAt { get; set; }

    /// <summary>The due version <see cref="NextAlertAt"/> belongs to.</summary>
    public int DueVersion { get; set; }
}
