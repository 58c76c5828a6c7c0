namespace Approval.Engine.Cases.Events;

/// <summary>The applicant's follow-up (回访) after a bad rating closed the rectification task (差评整改).</summary>
/// <param name="Outcome">One of <see cref="FollowUpOutcomes.All"/>.</param>
public sealed record FollowUpRecorded(Guid TaskId, string Outcome, string? Note) : CaseEvent;
