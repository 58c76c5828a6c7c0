using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>The window's services around a case: promised materials, withdrawal (撤回), rating (好差评), and transfer between clerks (转办).</summary>
internal static class CaseServiceRules
{
    public static Decision ReceiveMaterial(CaseState state, ReceiveMaterial command, DecisionContext context)
    {
        if (!context.Actor.HasRole(Actor.WindowClerkRole))
        {
            return Refusal.Forbidden("window-only", "Promised materials are received at the comprehensive window.");
        }

        if (!ArrivalChannels.IsKnown(command.Channel))
        {
            return Refusal.Invalid("material-channel", "channel must be window or online.", "channel");
        }

        return state.IsOutstanding(command.MaterialId)
            ? new DecisionFlow(state, context).Then(new MaterialReceived(command.MaterialId, command.Channel))
            : Refusal.Conflict("material-not-outstanding", $"'{command.MaterialId}' is not a material promised for later on this case.");
    }

    public static Decision Withdraw(CaseState state, WithdrawCase command, DecisionContext context)
    {
        if (!context.Actor.HasRole(Actor.WindowClerkRole))
        {
            return Refusal.Forbidden("window-only", "A withdrawal (撤回) is recorded by a window clerk at the applicant's request.");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Refusal.Invalid("reason-required", "A withdrawal must give its reason.", "reason");
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
            return Refusal.NotFound("case-not-found", "There is no such case.");
        }

        if (state.Status != CaseStatus.Completed)
        {
            return Refusal.Conflict("not-completed", "A case is rated (好差评) after its results are delivered.");
        }

        if (state.Rating is not null)
        {
            return Refusal.Conflict("already-rated", "The case is already rated.");
        }

        if (command.Score is < 1 or > 5)
        {
            return Refusal.Invalid("score", "score must be 1 (very poor) to 5 (very good).", "score");
        }

        if (command.Comment is { Length: > 500 })
        {
            return Refusal.Invalid("comment-too-long", "comment is at most 500 characters.", "comment");
        }

        if (!context.Actor.HasRole(Actor.WindowClerkRole))
        {
            return Refusal.Forbidden("window-only", "The rating is recorded at the window (or its kiosk).");
        }

        return new DecisionFlow(state, context).Then(new CaseRated(command.Score, string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim()));
    }

    public static Decision Transfer(CaseState state, TransferTask command, DecisionContext context)
    {
        if (string.IsNullOrWhiteSpace(command.ToUserId))
        {
            return Refusal.Invalid("to-user-required", "Name the clerk to transfer the task to.", "toUserId");
        }

        var supervisor = context.Actor.HasRole(Actor.SupervisorRole);
        if (supervisor && state.FindTask(command.TaskId) is { } open && open.Status.IsOpen())
        {
            return new DecisionFlow(state, context).Then(new TaskTransferred(open.TaskId, open.ClaimedBy, command.ToUserId.Trim()));
        }

        return CaseDecider.OnOpenTask(state, command.TaskId, context, (task, flow) =>
            task.ClaimedBy == command.ToUserId
                ? Refusal.Conflict("already-assigned", $"The task is already with {command.ToUserId}.")
                : flow.Then(new TaskTransferred(task.TaskId, task.ClaimedBy, command.ToUserId.Trim())),
            whileClockStopped: true);
    }
}
