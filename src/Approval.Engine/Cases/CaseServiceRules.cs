using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>The window's services around a case: promised materials, withdrawal (撤回), rating (好差评), and transfer between clerks (转办).</summary>
internal static class CaseServiceRules
{
    public static Decision ReceiveMaterial(CaseState state, ReceiveMaterial command, DecisionContext context)
    {
        if (!context.Actor.HasRole(ClerkRoles.WindowClerk))
        {
            return Refusal.Forbidden(RefusalCodes.WindowOnly, "Promised materials are received at the comprehensive window.");
        }

        if (!ArrivalChannels.IsKnown(command.Channel))
        {
            return Refusal.Invalid(RefusalCodes.MaterialChannel, new FieldPath("channel"), "channel must be window or online.");
        }

        return state.IsOutstanding(command.MaterialId)
            ? new DecisionFlow(state, context).Then(new MaterialReceived(command.MaterialId, command.Channel))
            : Refusal.Conflict(RefusalCodes.MaterialNotOutstanding, $"'{command.MaterialId}' is not a material promised for later on this case.");
    }

    public static Decision Withdraw(CaseState state, WithdrawCase command, DecisionContext context)
    {
        if (!context.Actor.HasRole(ClerkRoles.WindowClerk))
        {
            return Refusal.Forbidden(RefusalCodes.WindowOnly, "A withdrawal (撤回) is recorded by a window clerk at the applicant's request.");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Refusal.Invalid(RefusalCodes.ReasonRequired, new FieldPath("reason"), "A withdrawal must give its reason.");
        }

        var flow = new DecisionFlow(state, context);
        foreach (var task in state.Tasks.Where(t => t.Status.IsOpen()).OrderBy(t => t.StepId, StringComparer.Ordinal))
        {
            flow.Then(new TaskCancelled(task.TaskId, "case withdrawn"));
        }

        return flow.Then(new CaseWithdrawn(command.Reason.Trim()));
    }

    public static Decision Rate(CaseState state, RateService command, DecisionContext context)
    {
        if (!state.IsStarted)
        {
            return Refusal.NotFound(RefusalCodes.CaseNotFound, "There is no such case.");
        }

        if (state.Status != CaseStatus.Completed)
        {
            return Refusal.Conflict(RefusalCodes.NotCompleted, "A case is rated (好差评) after its results are delivered.");
        }

        if (state.Rating is not null)
        {
            return Refusal.Conflict(RefusalCodes.AlreadyRated, "The case is already rated.");
        }

        if (command.Score is < 1 or > 5)
        {
            return Refusal.Invalid(RefusalCodes.Score, new FieldPath("score"), "score must be 1 (very poor) to 5 (very good).");
        }

        if (command.Comment is { Length: > 500 })
        {
            return Refusal.Invalid(RefusalCodes.CommentTooLong, new FieldPath("comment"), "comment is at most 500 characters.");
        }

        if (!context.Actor.HasRole(ClerkRoles.WindowClerk))
        {
            return Refusal.Forbidden(RefusalCodes.WindowOnly, "The rating is recorded at the window (or its kiosk).");
        }

        if (RectificationRules.Check(state, command) is { } department)
        {
            return department;
        }

        var flow = new DecisionFlow(state, context).Then(new CaseRated(command.Score, string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim()));
        return RectificationRules.Open(flow, state, command, context);
    }

    public static Decision Transfer(CaseState state, TransferTask command, DecisionContext context)
    {
        if (string.IsNullOrWhiteSpace(command.ToUserId))
        {
            return Refusal.Invalid(RefusalCodes.ToUserRequired, new FieldPath("toUserId"), "Name the clerk to transfer the task to.");
        }

        var supervisor = context.Actor.HasRole(ClerkRoles.Supervisor);
        if (supervisor && state.FindTask(command.TaskId) is { } open && open.Status.IsOpen())
        {
            return new DecisionFlow(state, context).Then(new TaskTransferred(open.TaskId, open.ClaimedBy, command.ToUserId.Trim()));
        }

        return CaseDecider.OnOpenTask(state, command.TaskId, context, (task, flow) =>
            task.ClaimedBy == command.ToUserId
                ? Refusal.Conflict(RefusalCodes.AlreadyAssigned, $"The task is already with {command.ToUserId}.")
                : flow.Then(new TaskTransferred(task.TaskId, task.ClaimedBy, command.ToUserId.Trim())),
            whileClockStopped: true);
    }
}
