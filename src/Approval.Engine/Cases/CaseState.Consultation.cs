using Approval.Calendar;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>The fold of consultations (征求意见) and of a retracted decision (撤回).</summary>
public sealed partial record CaseState
{
    /// <summary>The consultations asked on <paramref name="taskId"/>, in the order they opened.</summary>
    public IEnumerable<TaskState> ConsultationsOf(Guid taskId) => _tasks.Where(t => t.ParentTaskId == taskId);

    private CaseState Apply(ConsultationRequested e) =>
        WithTask(e.TaskId, t => t with { ParentTaskId = e.ParentTaskId, Question = e.Question, OwnLimit = TimeLimit.OfWorkingDays(e.WorkingDays) })
            .WithTask(e.ParentTaskId, t => t with { Consultations = t.Consultations.Add(e.TaskId) });

    private CaseState Apply(ConsultationAnswered e) => Close(e.TaskId, TaskStatus.Answered, e.At, t => t with { Opinion = e.Opinion });

    private CaseState Apply(ConsultationWithdrawn e) => Close(e.TaskId, TaskStatus.Cancelled, e.At, t => t with { Reason = e.Reason });

    // The clerk who took the decision back holds the task again; the deadline engine holds nothing.
    private CaseState Apply(DecisionRetracted e) => WithTask(e.TaskId, t => t with
    {
        Status = e.Actor.IsSystem ? TaskStatus.Open : TaskStatus.Claimed,
        ClaimedBy = e.Actor.IsSystem ? null : e.Actor.UserId,
        ClosedAt = null,
        Result = null,
        Reason = null,
    });
}
