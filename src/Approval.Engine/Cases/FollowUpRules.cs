using Approval.Engine.Cases.Commands;

namespace Approval.Engine.Cases;

/// <summary>
/// The follow-up tasks that outlive a case's approvals: verification (核查) of items approved on
/// commitment, and rectification (差评整改) of a bad rating. On an ended case exactly these commands
/// are allowed, on such a task: claim, release, transfer, the deadline engine's supervision and
/// recompute, the verification's outcome and the follow-up (回访). Everything else is <c>case-ended</c>.
/// </summary>
internal static class FollowUpRules
{
    public static bool AllowedAfterEnd(CaseState state, CaseCommand command) => command switch
    {
        ClaimTask c => IsFollowUp(state, c.TaskId),
        ReleaseTask r => IsFollowUp(state, r.TaskId),
        TransferTask t => IsFollowUp(state, t.TaskId),
        SuperviseDeadline { TaskId: { } taskId } => IsFollowUp(state, taskId),
        SuperviseDeadlines batch => batch.Deadlines.All(d => d.TaskId is { } taskId && IsFollowUp(state, taskId)),
        CompleteVerification => true,
        RecomputeDeadlines => true, // only open tasks move, and on an ended case those are its follow-ups
        RecordFollowUp => true,
        _ => false,
    };

    /// <summary>
    /// The refusal of an approval task's command on a follow-up task: a verification is answered
    /// by its outcome, a rectification by its follow-up, and neither has a supplement or extension.
    /// </summary>
    public static Refusal? WrongKind(CaseState state, CaseCommand command)
    {
        var taskId = command switch
        {
            ApproveTask a => a.TaskId,
            RejectTask r => r.TaskId,
            ReturnForSupplement r => r.TaskId,
            ReceiveSupplement r => r.TaskId,
            SuspendTask s => s.TaskId,
            ResumeTask r => r.TaskId,
            ExtendTask x => x.TaskId,
            AllowSupplementRound a => a.TaskId,
            _ => (Guid?)null,
        };
        if (taskId is not { } id || state.FindTask(id) is not { } task || !IsFollowUpKind(task.Kind))
        {
            return null;
        }

        var instead = task.Kind == TaskKind.Verification
            ? "record its outcome with POST /api/tasks/{id}/verification"
            : "it is closed by the applicant's follow-up, POST /api/tasks/{id}/follow-up";
        return Refusal.Conflict(RefusalCodes.TaskKind, $"This is a {task.Kind.ToString().ToLowerInvariant()} task, not an approval; {instead}.");
    }

    private static bool IsFollowUp(CaseState state, Guid taskId) => state.FindTask(taskId) is { } task && IsFollowUpKind(task.Kind);

    private static bool IsFollowUpKind(TaskKind kind) => kind is TaskKind.Verification or TaskKind.Rectification;
}
