using Approval.Calendar;
using Approval.Definitions.Model;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// The legal clock of a case: supplement (补正) and special procedures (特别程序) stop a task's
/// clock and the case's; resuming moves each due instant by the working time that was stopped
/// (overlapping stops count once); supervisors extend limits (延期) within the definition's maximum.
/// </summary>
internal static class ClockRules
{
    /// <summary>The kinds of special procedure whose time the law does not count (行政许可法 art. 45).</summary>
    public static readonly string[] SuspensionKinds = ["hearing", "expert-review", "inspection", "testing", "quarantine", "appraisal", "tender", "auction"];

    public static Decision ReturnForSupplement(CaseState state, ReturnForSupplement command, DecisionContext context)
    {
        var missing = command.Missing?.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).ToList() ?? [];
        if (missing.Count == 0)
        {
            return Refusal.Invalid(RefusalCodes.MissingRequired, new FieldPath("missing"), "A supplement notice lists everything missing at once (一次性告知); the list is empty.");
        }

        return CaseDecider.OnOpenTask(state, command.TaskId, context, (task, flow) =>
        {
            if (task.Stops.Contains(ClockStopKind.Supplement))
            {
                return Refusal.Conflict(RefusalCodes.SupplementPending, "The task already waits for a supplement; one notice lists everything (一次性告知).");
            }

            var allowed = StepOf(context, task).SupplementRounds + task.ExtraSupplementRounds;
            if (task.SupplementRounds >= allowed)
            {
                return Refusal.Conflict(RefusalCodes.SupplementRoundsUsed, $"The task has used its {allowed} supplement round(s); a supervisor may allow another.");
            }

            return flow.Then(new SupplementRequested(task.TaskId, missing, command.Note, task.SupplementRounds + 1));
        }, whileClockStopped: true);
    }

    public static Decision ReceiveSupplement(CaseState state, ReceiveSupplement command, DecisionContext context)
    {
        if (!ArrivalChannels.IsKnown(command.Channel))
        {
            return Refusal.Invalid(RefusalCodes.SupplementChannel, new FieldPath("channel"), "channel must be window or online.");
        }

        if (state.FindTask(command.TaskId) is not { } task)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"Task {command.TaskId} is not part of this case.");
        }

        if (!task.Stops.Contains(ClockStopKind.Supplement) || !task.Status.IsOpen())
        {
            return Refusal.Conflict(RefusalCodes.NoSupplementPending, "The task is not waiting for a supplement.");
        }

        if (!CaseAccess.MayReceiveSupplement(context.Actor, task))
        {
            return Refusal.Forbidden(RefusalCodes.OtherDepartment, $"A window clerk or a clerk of {task.Department} records the supplement.");
        }

        var flow = new DecisionFlow(state, context);
        return Restart(flow, task, context, new SupplementReceived(task.TaskId, command.Channel), "supplement received");
    }

    public static Decision Suspend(CaseState state, SuspendTask command, DecisionContext context)
    {
        if (!SuspensionKinds.Contains(command.Kind, StringComparer.Ordinal))
        {
            return Refusal.Invalid(RefusalCodes.SuspensionKind, new FieldPath("kind"), $"kind must be one of {string.Join(", ", SuspensionKinds)}.");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Refusal.Invalid(RefusalCodes.ReasonRequired, new FieldPath("reason"), "A special procedure must give its reason.");
        }

        return CaseDecider.OnOpenTask(state, command.TaskId, context, (task, flow) =>
            task.Stops.Contains(ClockStopKind.Suspension)
                ? Refusal.Conflict(RefusalCodes.AlreadySuspended, "The task is already under a special procedure.")
                : flow.Then(new TaskSuspended(task.TaskId, command.Kind, command.Reason.Trim())),
            whileClockStopped: true);
    }

    public static Decision Resume(CaseState state, ResumeTask command, DecisionContext context) =>
        CaseDecider.OnOpenTask(state, command.TaskId, context, (task, flow) =>
            !task.Stops.Contains(ClockStopKind.Suspension)
                ? Refusal.Conflict(RefusalCodes.NotSuspended, "The task is not under a special procedure.")
                : Restart(flow, task, context, new TaskResumed(task.TaskId), "special procedure ended"),
            whileClockStopped: true);

    public static Decision Extend(CaseState state, ExtendTask command, DecisionContext context)
    {
        if (ExtensionInputProblem(command.WorkingDays, command.Reason, context) is { } problem)
        {
            return problem;
        }

        if (state.FindTask(command.TaskId) is not { } task)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"Task {command.TaskId} is not part of this case.");
        }

        if (!task.Status.IsOpen())
        {
            return Refusal.Conflict(RefusalCodes.TaskNotOpen, $"The task is already {task.Status.ToString().ToLowerInvariant()}.");
        }

        var max = StepOf(context, task).MaxExtensionWorkingDays;
        if (task.ExtendedWorkingDays + command.WorkingDays > max)
        {
            return Refusal.Invalid(RefusalCodes.ExtensionTooLong, new FieldPath("workingDays"), $"The task may be extended by {max} working days in all; {task.ExtendedWorkingDays} are used.");
        }

        var due = context.Calendar.Add(task.Due.At, TimeLimit.OfWorkingDays(command.WorkingDays));
        return new DecisionFlow(state, context)
            .Then(new TaskExtended(task.TaskId, command.WorkingDays, command.Reason.Trim()))
            .Then(new DeadlineMoved(task.TaskId, Merge(due, task.Due), task.DueVersion + 1, "extended: " + command.Reason.Trim(), ExtendedWorkingDays: command.WorkingDays));
    }

    public static Decision Extend(CaseState state, ExtendCase command, DecisionContext context)
    {
        if (ExtensionInputProblem(command.WorkingDays, command.Reason, context) is { } problem)
        {
            return problem;
        }

        if (state.Due is not { } caseDue)
        {
            return Refusal.Conflict(RefusalCodes.NoCaseLimit, "The case has no promised limit to extend.");
        }

        var max = context.Definition.MaxExtensionWorkingDays;
        if (state.ExtendedWorkingDays + command.WorkingDays > max)
        {
            return Refusal.Invalid(RefusalCodes.ExtensionTooLong, new FieldPath("workingDays"), $"The case may be extended by {max} working days in all; {state.ExtendedWorkingDays} are used.");
        }

        var due = context.Calendar.Add(caseDue.At, TimeLimit.OfWorkingDays(command.WorkingDays));
        return new DecisionFlow(state, context)
            .Then(new CaseExtended(command.WorkingDays, command.Reason.Trim()))
            .Then(new DeadlineMoved(null, Merge(due, caseDue), state.DueVersion + 1, "extended: " + command.Reason.Trim(), ExtendedWorkingDays: command.WorkingDays));
    }

    public static Decision AllowRound(CaseState state, AllowSupplementRound command, DecisionContext context)
    {
        if (!context.Actor.HasRole(ClerkRoles.Supervisor))
        {
            return Refusal.Forbidden(RefusalCodes.SupervisorOnly, "Only a supervisor may allow another supplement round.");
        }

        return state.FindTask(command.TaskId) is { } task && task.Status.IsOpen()
            ? new DecisionFlow(state, context).Then(new SupplementRoundAllowed(task.TaskId))
            : Refusal.NotFound(RefusalCodes.TaskNotFound, $"Task {command.TaskId} is not an open task of this case.");
    }

    public static Decision Recompute(CaseState state, DecisionContext context)
    {
        if (!context.Actor.IsSystem)
        {
            return Refusal.Forbidden(RefusalCodes.SystemOnly, "Deadlines are recomputed by the service when calendar data changes.");
        }

        var flow = new DecisionFlow(state, context);
        var moved = false;
        foreach (var task in state.Tasks.Where(t => t.Status.IsOpen() && t.Due.Provisional).OrderBy(t => t.StepId, StringComparer.Ordinal))
        {
            // A task whose limit no record keeps stays provisional rather than be replayed on a guess.
            if (TaskLimits.Of(task, context.Definition) is not { } taskLimit)
            {
                continue;
            }

            var replayed = DueMove.Replay(context.Calendar, task.OpenedAt, taskLimit, task.DueMoves);
            if (replayed != task.Due)
            {
                flow.Then(new DeadlineMoved(task.TaskId, replayed, task.DueVersion + 1, "recomputed on the calendar's current data"));
                moved = true;
            }
        }

        // An ended case's promise is kept or broken already; only its follow-up tasks still run.
        if (!state.IsEnded && state.Due is { Provisional: true } caseDue && context.Definition.TimeLimit is { } limit)
        {
            var replayed = DueMove.Replay(context.Calendar, state.StartedAt, limit, state.DueMoves);
            if (replayed != caseDue)
            {
                flow.Then(new DeadlineMoved(null, replayed, state.DueVersion + 1, "recomputed on the calendar's current data"));
                moved = true;
            }
        }

        return moved ? flow : Refusal.Conflict(RefusalCodes.NothingToRecompute, "No provisional deadline of this case changes on the current calendar.");
    }

    /// <summary>Ends one stop; when the task's (or the case's) clock runs again, moves its due by the stopped working time.</summary>
    private static Decision Restart(DecisionFlow flow, TaskState task, DecisionContext context, CaseEvent ending, string reason)
    {
        var before = flow.State;
        var taskStoppedAt = task.ClockStoppedAt;
        flow.Then(ending);

        var now = context.Now;
        if (!flow.State.FindTask(task.TaskId)!.IsClockStopped && taskStoppedAt is { } stopped)
        {
            var due = context.Calendar.Resume(task.Due.At, stopped, now, StepOf(context, task).TimeLimit);
            flow.Then(new DeadlineMoved(task.TaskId, Merge(due, task.Due), task.DueVersion + 1, reason, stopped, now));
        }

        return ResumeCase(flow, before, context, reason);
    }

    /// <summary>
    /// When the case's clock, stopped in <paramref name="before"/>, runs again after what
    /// <paramref name="flow"/> decided since, moves its promised due by the working time it stood still.
    /// </summary>
    public static DecisionFlow ResumeCase(DecisionFlow flow, CaseState before, DecisionContext context, string reason)
    {
        if (!flow.State.IsClockStopped && before.ClockStoppedAt is { } stopped && before.Due is { } due && context.Definition.TimeLimit is { } limit)
        {
            var moved = context.Calendar.Resume(due.At, stopped, context.Now, limit);
            flow.Then(new DeadlineMoved(null, Merge(moved, due), before.DueVersion + 1, reason, stopped, context.Now));
        }

        return flow;
    }

    private static Refusal? ExtensionInputProblem(int workingDays, string? reason, DecisionContext context)
    {
        if (!context.Actor.HasRole(ClerkRoles.Supervisor))
        {
            return Refusal.Forbidden(RefusalCodes.SupervisorOnly, "Only a supervisor may extend a time limit (延期).");
        }

        if (workingDays < 1)
        {
            return Refusal.Invalid(RefusalCodes.WorkingDays, new FieldPath("workingDays"), "An extension adds at least one working day.");
        }

        return string.IsNullOrWhiteSpace(reason) ? Refusal.Invalid(RefusalCodes.ReasonRequired, new FieldPath("reason"), "An extension must give its reason.") : null;
    }

    /// <summary>A moved deadline stays provisional if the one it replaces was.</summary>
    private static Deadline Merge(Deadline moved, Deadline previous) => moved with { Provisional = moved.Provisional || previous.Provisional };

    private static TaskStepDefinition StepOf(DecisionContext context, TaskState task) =>
        context.Definition.FindStep(task.StepId) as TaskStepDefinition
            ?? throw new InvalidOperationException($"Task step {task.StepId} is not in {context.Definition.Id}.");
}
