using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// The rules of a case: checks a command against the case's current state and answers with the
/// events it causes, or a refusal. Pure and deterministic: no clock, database or I/O; the
/// context brings the instant, the calendar and the actor.
/// </summary>
/// <remarks>
/// Thread safe: states are immutable, so a refused or abandoned decision leaves nothing behind,
/// and an accepted one carries the state its events lead to (<see cref="Decision.State"/>).
/// </remarks>
public static class CaseDecider
{
    public static Decision Decide(CaseState state, CaseCommand command, DecisionContext context)
    {
        // The audit trail names the command behind each event; the flow stamps it with who and when.
        return Dispatch(state, command, context with { CommandName = CommandNames.Of(command) }).On(state);
    }

    private static Decision Dispatch(CaseState state, CaseCommand command, DecisionContext context)
    {
        if (command is StartCase start)
        {
            return IntakeRules.Start(state, start, context);
        }

        if (command is RateService rate)
        {
            return CaseServiceRules.Rate(state, rate, context);
        }

        if (!state.IsStarted)
        {
            return Refusal.NotFound(RefusalCodes.CaseNotFound, "There is no such case.");
        }

        if (command is RetractDecision retract)
        {
            return RetractRules.Retract(state, retract, context); // names the join that fired, also when it ended the case
        }

        if (state.IsEnded && !FollowUpRules.AllowedAfterEnd(state, command))
        {
            return Refusal.Conflict(RefusalCodes.CaseEnded, $"The case is {state.Status.ToString().ToLowerInvariant()}; nothing more can be done on it.");
        }

        if (ConsultationRules.Blocks(state, command, context) is { } blocked)
        {
            return blocked;
        }

        if (FollowUpRules.WrongKind(state, command) is { } wrongKind)
        {
            return wrongKind;
        }

        return command switch
        {
            ClaimTask c => OnOpenTask(state, c.TaskId, context, (task, flow) =>
                task.Status == TaskStatus.Claimed
                    ? Refusal.Conflict(RefusalCodes.TaskClaimed, $"The task is already claimed by {task.ClaimedBy}.")
                    : flow.Then(new TaskClaimed(task.TaskId, context.Actor.UserId))),
            ReleaseTask r => OnOpenTask(state, r.TaskId, context, (task, flow) =>
                task.Status != TaskStatus.Claimed
                    ? Refusal.Conflict(RefusalCodes.TaskNotClaimed, "The task is not claimed.")
                    : flow.Then(new TaskReleased(task.TaskId))),
            ApproveTask { Document: { } document } when ResultDocumentRules.Check(document, out _) is { } bad => bad,
            ApproveTask a => OnOpenTask(state, a.TaskId, context, (task, flow) =>
                flow.Then(new TaskApproved(task.TaskId, a.Result, a.Comment, BySilence: false) { Document = ResultDocumentRules.Recorded(a.Document) }).Advanced()),
            RejectTask r when string.IsNullOrWhiteSpace(r.Reason) =>
                Refusal.Invalid(RefusalCodes.ReasonRequired, new FieldPath("reason"), "A rejection must give its reason."),
            RejectTask r => OnOpenTask(state, r.TaskId, context, (task, flow) =>
                flow.Then(new TaskRejected(task.TaskId, r.Reason.Trim())).Advanced()),
            DeliverCase d => Deliver(state, d, context),
            ReturnForSupplement r => ClockRules.ReturnForSupplement(state, r, context),
            ReceiveSupplement r => ClockRules.ReceiveSupplement(state, r, context),
            SuspendTask s => ClockRules.Suspend(state, s, context),
            ResumeTask r => ClockRules.Resume(state, r, context),
            ExtendTask x => ClockRules.Extend(state, x, context),
            ExtendCase x => ClockRules.Extend(state, x, context),
            AllowSupplementRound a => ClockRules.AllowRound(state, a, context),
            SuperviseDeadline s => SupervisionRules.Supervise(state, s, context),
            SuperviseDeadlines s => SupervisionBatchRules.SuperviseAll(state, s, context),
            RecomputeDeadlines => ClockRules.Recompute(state, context),
            ReceiveMaterial m => CaseServiceRules.ReceiveMaterial(state, m, context),
            WithdrawCase w => CaseServiceRules.Withdraw(state, w, context),
            TransferTask t => CaseServiceRules.Transfer(state, t, context),
            SendBack s => SendBackRules.SendBack(state, s, context),
            RequestConsultation c => ConsultationRules.Request(state, c, context),
            AnswerConsultation a => ConsultationRules.Answer(state, a, context),
            WithdrawConsultation w => ConsultationRules.Withdraw(state, w, context),
            UrgeTask u => UrgingRules.Urge(state, u, context),
            CompleteVerification v => CommitmentRules.Verify(state, v, context),
            RecordFollowUp f => RectificationRules.FollowUp(state, f, context),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "No rule for this command."),
        };
    }

    private static Decision Deliver(CaseState state, DeliverCase deliver, DecisionContext context)
    {
        if (state.Status != CaseStatus.AwaitingDelivery)
        {
            return Refusal.Conflict(RefusalCodes.NotAwaitingDelivery, "The case has approvals still open; it cannot be delivered yet.");
        }

        if (!state.OutstandingMaterials.IsEmpty)
        {
            return Refusal.Conflict(RefusalCodes.MaterialsOutstanding, $"Materials promised at intake (容缺) are still outstanding: {string.Join(", ", state.OutstandingMaterials.Select(m => m.MaterialId))}.");
        }

        if (!context.Actor.HasRole(ClerkRoles.WindowClerk))
        {
            return Refusal.Forbidden(RefusalCodes.WindowOnly, "Results are delivered by a window clerk (统一出件).");
        }

        if (!DeliveryMethods.IsKnown(deliver.Method))
        {
            return Refusal.Invalid(RefusalCodes.DeliveryMethod, new FieldPath("method"), $"Delivery method must be one of {string.Join(", ", DeliveryMethods.All)}.");
        }

        if (deliver.Method == DeliveryMethods.Express && string.IsNullOrWhiteSpace(deliver.TrackingNumber))
        {
            return Refusal.Invalid(RefusalCodes.TrackingNumberRequired, new FieldPath("trackingNumber"), "Express delivery needs the tracking number.");
        }

        var step = context.Definition.Steps.OfType<Approval.Definitions.Model.DeliveryStepDefinition>().First(s => state.OutcomeOf(s.Id) == StepOutcome.Running);
        return new DecisionFlow(state, context).Then(new CaseDelivered(step.Id, deliver.Method, deliver.TrackingNumber) { Documents = state.DeliveredDocuments(deliver.Method) }).Advanced();
    }

    internal static Decision OnOpenTask(CaseState state, Guid taskId, DecisionContext context, Func<TaskState, DecisionFlow, Decision> rule, bool whileClockStopped = false)
    {
        if (state.FindTask(taskId) is not { } task)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"Task {taskId} is not part of this case.");
        }

        if (!task.Status.IsOpen())
        {
            return Refusal.Conflict(RefusalCodes.TaskNotOpen, $"The task is already {task.Status.ToString().ToLowerInvariant()}.");
        }

        var actor = context.Actor;
        if (!actor.IsSystem)
        {
            if (!CaseAccess.MayWorkOn(actor, task))
            {
                return Refusal.Forbidden(RefusalCodes.OtherDepartment, $"Only a clerk of {task.Department} may act on this task.");
            }

            if (task.Status == TaskStatus.Claimed && task.ClaimedBy != actor.UserId)
            {
                if (CaseAccess.DelegationFor(actor, task, context.Now) is not { } delegation)
                {
                    return Refusal.Conflict(RefusalCodes.TaskClaimed, $"The task is claimed by {task.ClaimedBy}.");
                }

                // Recorded "by the delegate on behalf of the claimant" (委托); the delegations themselves are not.
                context = context with { Actor = actor with { OnBehalfOf = delegation.DelegatorId, Delegations = [] } };
            }
        }

        if (task.IsClockStopped && !whileClockStopped)
        {
            // Name the action that restarts the clock, so the clerk knows which call comes first.
            var (why, then) = task.Stops.Contains(ClockStopKind.Supplement)
                ? ("waits for the applicant's supplement (补正)", "record it first with POST /api/tasks/{id}/supplement-received")
                : ("is under a special procedure (特别程序)", "end it first with POST /api/tasks/{id}/resume");
            return Refusal.Conflict(RefusalCodes.ClockStopped, $"The task {why}; {then}.");
        }

        return rule(task, new DecisionFlow(state, context));
    }
}
