using Approval.Calendar;

namespace Approval.Engine.Cases;

/// <summary>One department task of a case, as its events left it.</summary>
public sealed class TaskState
{
    public required Guid TaskId { get; init; }
    public required string StepId { get; init; }
    public required string Department { get; init; }
    public string? Role { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public TaskStatus Status { get; internal set; } = TaskStatus.Open;
    public string? ClaimedBy { get; internal set; }
    public Deadline Due { get; internal set; }
    public DateTimeOffset? ClosedAt { get; internal set; }
    public string? Result { get; internal set; }
    public string? Reason { get; internal set; }

    internal TaskState Copy() => (TaskState)MemberwiseClone();
}
