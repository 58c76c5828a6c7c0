namespace Approval.Engine.Cases;

/// <summary>The state of one department's task (待办).</summary>
public enum TaskStatus
{
    Open,
    Claimed,
    Approved,
    Rejected,
    Cancelled,
}

public static class TaskStatusExtensions
{
    public static bool IsOpen(this TaskStatus status) => status is TaskStatus.Open or TaskStatus.Claimed;
}
