namespace Approval.Persistence.Rows;

/// <summary>
/// The case's row: a projection of its events kept for queries (lists, dashboards), plus the
/// optimistic-concurrency <see cref="Version"/> — the number of events the case has.
/// </summary>
public sealed class CaseRow
{
    public Guid Id { get; set; }
    public string WorkflowId { get; set; } = "";
    public int WorkflowVersion { get; set; }
    public string Status { get; set; } = "";
    public int Version { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public DateTime? DueAt { get; set; }
    public bool DueProvisional { get; set; }

    /// <summary>When the deadline engine must next look at the case's own limit (its next card); null when nothing is pending.</summary>
    public DateTime? NextAlertAt { get; set; }

    /// <summary>The due version <see cref="NextAlertAt"/> belongs to.</summary>
    public int DueVersion { get; set; }

    /// <summary>In-person interactions so far (跑动次数), for the one-visit rate.</summary>
    public int Visits { get; set; }
}
