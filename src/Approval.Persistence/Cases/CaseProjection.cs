using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Rows;
using Approval.Definitions.Model;

namespace Approval.Persistence.Cases;

/// <summary>The case and task rows as the case's state projects them, with the next alert point the deadline engine sweeps on.</summary>
/// <remarks>The one definition of those rows, for the store and for anything that writes history directly (benchmark seeding).</remarks>
public static class CaseProjection
{
    public static Guid? TaskOf(CaseEvent e) => e switch
    {
        TaskOpened x => x.TaskId,
        TaskClaimed x => x.TaskId,
        TaskReleased x => x.TaskId,
        TaskApproved x => x.TaskId,
        TaskRejected x => x.TaskId,
        TaskCancelled x => x.TaskId,
        SupplementRequested x => x.TaskId,
        SupplementReceived x => x.TaskId,
        TaskSuspended x => x.TaskId,
        TaskResumed x => x.TaskId,
        TaskExtended x => x.TaskId,
        SupplementRoundAllowed x => x.TaskId,
        DeadlineMoved x => x.TaskId,
        CardIssued x => x.TaskId,
        TaskTransferred x => x.TaskId,
        DecisionRetracted x => x.TaskId,
        ConsultationRequested x => x.TaskId,
        ConsultationAnswered x => x.TaskId,
        ConsultationWithdrawn x => x.TaskId,
        TaskUrged x => x.TaskId,
        VerificationPassed x => x.TaskId,
        VerificationFailed x => x.TaskId,
        FollowUpRecorded x => x.TaskId,
        _ => null,
    };

    public static CaseRow Project(CaseState state, WorkflowDefinition definition, WorkingCalendar calendar) => new()
    {
        NextAlertAt = DeadlineSchedule.NextFor(state, definition, calendar)?.At.UtcDateTime,
        DueVersion = state.DueVersion,
        Id = state.CaseId,
        WorkflowId = state.WorkflowId,
        WorkflowVersion = state.WorkflowVersion,
        Status = state.Status.ToString(),
        Version = state.Version,
        StartedAt = state.StartedAt.UtcDateTime,
        EndedAt = state.EndedAt?.UtcDateTime,
        DueAt = state.Due?.At.UtcDateTime,
        DueProvisional = state.Due?.Provisional ?? false,
        Visits = state.Visits,
    };

    public static TaskRow Project(TaskState task, Guid caseId, WorkflowDefinition definition, WorkingCalendar calendar) => new()
    {
        NextAlertAt = DeadlineSchedule.NextFor(task, definition, calendar)?.At.UtcDateTime,
        DueVersion = task.DueVersion,
        Id = task.TaskId,
        CaseId = caseId,
        StepId = task.StepId,
        Department = task.Department,
        Role = task.Role,
        Kind = task.Kind.ToString(),
        Status = task.Status.ToString(),
        ClaimedBy = task.ClaimedBy,
        OpenedAt = task.OpenedAt.UtcDateTime,
        ClosedAt = task.ClosedAt?.UtcDateTime,
        DueAt = task.Due.At.UtcDateTime,
        DueProvisional = task.Due.Provisional,
    };
}
