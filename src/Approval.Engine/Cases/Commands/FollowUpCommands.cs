namespace Approval.Engine.Cases.Commands;

/// <summary>
/// The department records its verification (核查) of an item approved on commitment: passed, or
/// failed with its finding, which revokes (撤销) the item's result. Allowed after delivery.
/// </summary>
public sealed record CompleteVerification(Guid TaskId, bool Passed, string? Finding) : CaseCommand;

/// <summary>
/// The window or a supervisor records the applicant's follow-up (回访) of a bad rating's
/// rectification (差评整改), closing the rectification task with its outcome.
/// </summary>
/// <param name="Outcome">One of <see cref="FollowUpOutcomes.All"/>.</param>
public sealed record RecordFollowUp(Guid TaskId, string? Outcome, string? Note) : CaseCommand;
