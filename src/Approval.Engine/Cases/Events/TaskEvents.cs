using System.Text.Json.Serialization;
using Approval.Calendar;

namespace Approval.Engine.Cases.Events;

/// <summary>A department's task (待办) opened, with its due instant on the working-day calendar.</summary>
public sealed record TaskOpened(Guid TaskId, string StepId, string Department, string? Role, Deadline Due) : CaseEvent
{
    /// <summary>Absent in events stored before task kinds existed (all approval tasks), and not written for them since.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public TaskKind Kind { get; init; } = TaskKind.Approval;
}

/// <summary>A clerk took the task into their own hands.</summary>
public sealed record TaskClaimed(Guid TaskId, string UserId) : CaseEvent;

/// <summary>The clerk gave the task back to the department's inbox.</summary>
public sealed record TaskReleased(Guid TaskId) : CaseEvent;

/// <summary>The department approved its item.</summary>
/// <param name="Result">What the department issued, e.g. a licence number.</param>
/// <param name="BySilence">Approved by the system at the due instant (超时默许).</param>
public sealed record TaskApproved(Guid TaskId, string? Result, string? Comment, bool BySilence) : CaseEvent
{
    /// <summary>The result document (证照) the approval issued; null, and not written, when none was recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResultDocument? Document { get; init; }
}

/// <summary>The department refused its item.</summary>
public sealed record TaskRejected(Guid TaskId, string Reason) : CaseEvent;

/// <summary>The task no longer needs doing: its branch was cut off or the case ended.</summary>
public sealed record TaskCancelled(Guid TaskId, string Reason) : CaseEvent;
