using Approval.Definitions.Model;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Electronic supervision's decisions. A card is a recorded event, so issuing it twice is refused
/// by the state itself: whichever sweep (process, node, retry) comes second finds it issued.
/// </summary>
internal static class SupervisionRules
{
    public static Decision Supervise(CaseState state, SuperviseDeadline command, DecisionContext context)
    {
        if (!context.Actor.IsSystem)
        {
            return Refusal.Forbidden(RefusalCodes.SystemOnly, "Cards are issued by the deadline engine.");
        }

        return command.TaskId is { } taskId ? SuperviseTask(state, taskId, command.DueVersion, context) : SuperviseCase(state, command.DueVersion, context);
    }

    private static Decision SuperviseTask(CaseState state, Guid taskId, int dueVersion, DecisionContext context)
    {
        if (state.FindTask(taskId) is not { } task)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"Task {taskId} is not part of this case.");
        }

        if (!task.Status.IsOpen() || task.IsClockStopped || task.DueVersion != dueVersion)
        {
            return Refusal.Conflict(RefusalCodes.NothingDue, "The task is closed, stopped, or its deadline moved since the sweep saw it.");
        }

        var policy = TaskPolicy.For(task, context.Definition)!;
        var flow = new DecisionFlow(state, context);
        var any = false;
        foreach (var point in DeadlineSchedule.Pending(task.Due, task.DueVersion, policy.Warning, policy.OnOverdue, task.CardsIssued, context.Calendar, context.Now))
        {
            any = true;
            if (point.Level == CardLevel.ApproveBySilence)
            {
                return flow.Then(new TaskApproved(task.TaskId, null, "超时默许: approved by silence at the due instant", BySilence: true)).Advanced();
            }

            flow.Then(new CardIssued(task.TaskId, point.Level, point.Escalation, task.Due.At, task.DueVersion, point.At));
        }

        return any ? flow : Refusal.Conflict(RefusalCodes.NothingDue, "No card is due on this task yet.");
    }

    private static Decision SuperviseCase(CaseState state, int dueVersion, DecisionContext context)
    {
        if (state.Due is not { } due || state.IsClockStopped || state.DueVersion != dueVersion || state.Status == CaseStatus.AwaitingDelivery)
        {
            return Refusal.Conflict(RefusalCodes.NothingDue, "The case has no running deadline, or it moved since the sweep saw it.");
        }

        var flow = new DecisionFlow(state, context);
        var any = false;
        foreach (var point in DeadlineSchedule.Pending(due, state.DueVersion, context.Definition.Warning, OverdueAction.Escalate, state.CardsIssued, context.Calendar, context.Now))
        {
            any = true;
            flow.Then(new CardIssued(null, point.Level, point.Escalation, due.At, state.DueVersion, point.At));
        }

        return any ? flow : Refusal.Conflict(RefusalCodes.NothingDue, "No card is due on the case yet.");
    }
}
