namespace Approval.Engine.Cases.Events;

/// <summary>
/// A department took back its decision on the task (撤回) before its step's join fired: the task is
/// open again, claimed by the clerk who retracted, on the limit it had.
/// </summary>
/// <param name="Decision"><c>approved</c> or <c>rejected</c>: what was taken back.</param>
public sealed record DecisionRetracted(Guid TaskId, string Decision, string Reason) : CaseEvent;
