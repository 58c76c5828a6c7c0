namespace Approval.Engine.Cases.Events;

/// <summary>
/// The case was sent back (退回) from <paramref name="FromStepId"/> to <paramref name="ToStepId"/>.
/// Everything recorded on <paramref name="ReopenedSteps"/> (the target, the steps after it up to the
/// sender, and all nested in them) is void: their open tasks were cancelled just before, their
/// done tasks are superseded, and the flow opens them again in a new round with fresh limits.
/// </summary>
/// <param name="FromTaskId">The sending department's task; null when the window sent back from delivery.</param>
public sealed record CaseSentBack(string FromStepId, Guid? FromTaskId, string ToStepId, string Reason, IReadOnlyList<string> ReopenedSteps) : CaseEvent;
