namespace Approval.Persistence.Urgings;

/// <summary>One urging (催办) of a task, table <c>task_urgings</c>: the read model the screen counts per task.</summary>
public sealed class UrgingRow
{
    /// <summary>The case and the event's sequence make it: a replayed commit cannot add a second row.</summary>
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid TaskId { get; set; }
    public string Department { get; set; } = "";
    public string UrgedBy { get; set; } = "";
    public bool Insisted { get; set; }
    public DateTime UrgedAt { get; set; }
}
