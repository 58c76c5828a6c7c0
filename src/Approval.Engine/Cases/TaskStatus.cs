namespace Approval.Engine.Cases;

/// <summary>The state of one department's task (待办).</summary>
public enum TaskStatus
{
    Open,
    Claimed,
    Approved,
    Rejected,
    Cancelled,

    /// <summary>A consultation (征求意见) that gave its opinion.</summary>
    Answered,
}

public static class TaskStatusExtensions
{
    public static bool IsOpen(this TaskStatus status) => status is TaskStatus.Open or TaskStatus.Claimed;
}
