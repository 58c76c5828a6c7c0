using System.Text.Json.Serialization;

namespace Approval.Engine.Cases.Events;

/// <summary>
/// A fact about a case, recorded once and never rewritten. A case's state is the fold of its
/// events (<see cref="CaseState.Fold"/>), so the event list is the audit trail (全程留痕) itself.
/// </summary>
/// <remarks>
/// <see cref="At"/> and <see cref="Actor"/> are stamped by the decider from the command's
/// context, so every event says who and when. The type discriminator is stable: stored events
/// are read back by it, so a name here must never change once released.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CaseStarted), "case-started")]
[JsonDerivedType(typeof(StepCompleted), "step-completed")]
[JsonDerivedType(typeof(StepSkipped), "step-skipped")]
[JsonDerivedType(typeof(StepCancelled), "step-cancelled")]
[JsonDerivedType(typeof(DecisionTaken), "decision-taken")]
[JsonDerivedType(typeof(TaskOpened), "task-opened")]
[JsonDerivedType(typeof(TaskClaimed), "task-claimed")]
[JsonDerivedType(typeof(TaskReleased), "task-released")]
[JsonDerivedType(typeof(TaskApproved), "task-approved")]
[JsonDerivedType(typeof(TaskRejected), "task-rejected")]
[JsonDerivedType(typeof(TaskCancelled), "task-cancelled")]
[JsonDerivedType(typeof(JoinCompleted), "join-completed")]
[JsonDerivedType(typeof(DeliveryReady), "delivery-ready")]
[JsonDerivedType(typeof(CaseDelivered), "case-delivered")]
[JsonDerivedType(typeof(CaseCompleted), "case-completed")]
[JsonDerivedType(typeof(CaseRejected), "case-rejected")]
[JsonDerivedType(typeof(DeadlineMoved), "deadline-moved")]
[JsonDerivedType(typeof(SupplementRequested), "supplement-requested")]
[JsonDerivedType(typeof(SupplementReceived), "supplement-received")]
[JsonDerivedType(typeof(TaskSuspended), "task-suspended")]
[JsonDerivedType(typeof(TaskResumed), "task-resumed")]
[JsonDerivedType(typeof(TaskExtended), "task-extended")]
[JsonDerivedType(typeof(SupplementRoundAllowed), "supplement-round-allowed")]
[JsonDerivedType(typeof(CaseExtended), "case-extended")]
[JsonDerivedType(typeof(CardIssued), "card-issued")]
[JsonDerivedType(typeof(MaterialReceived), "material-received")]
[JsonDerivedType(typeof(CaseWithdrawn), "case-withdrawn")]
[JsonDerivedType(typeof(CaseRated), "case-rated")]
[JsonDerivedType(typeof(TaskTransferred), "task-transferred")]
[JsonDerivedType(typeof(CaseSentBack), "case-sent-back")]
[JsonDerivedType(typeof(DecisionRetracted), "decision-retracted")]
[JsonDerivedType(typeof(ConsultationRequested), "consultation-requested")]
[JsonDerivedType(typeof(ConsultationAnswered), "consultation-answered")]
[JsonDerivedType(typeof(ConsultationWithdrawn), "consultation-withdrawn")]
[JsonDerivedType(typeof(TaskUrged), "task-urged")]
[JsonDerivedType(typeof(CommitmentsSigned), "commitments-signed")]
[JsonDerivedType(typeof(CreditChecked), "credit-checked")]
[JsonDerivedType(typeof(VerificationPassed), "verification-passed")]
[JsonDerivedType(typeof(VerificationFailed), "verification-failed")]
[JsonDerivedType(typeof(ItemRevoked), "item-revoked")]
[JsonDerivedType(typeof(FollowUpRecorded), "follow-up-recorded")]
public abstract record CaseEvent
{
    public DateTimeOffset At { get; init; }
    public Actor Actor { get; init; } = Actor.System;

    /// <summary>The command that caused the event (e.g. <c>approve-task</c>), for the audit trail.</summary>
    public string? Command { get; init; }
}
