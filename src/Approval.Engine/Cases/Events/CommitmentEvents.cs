namespace Approval.Engine.Cases.Events;

/// <summary>One item the applicant committed to at intake (告知承诺制), with who signed and when.</summary>
public sealed record CommitmentRecord(string StepId, string SignedBy, DateTimeOffset SignedAt);

/// <summary>
/// The applicant signed commitments at intake; each listed item is approved on commitment when
/// its step opens, and a verification task (核查) opens beside it.
/// </summary>
public sealed record CommitmentsSigned(IReadOnlyList<CommitmentRecord> Items) : CaseEvent;

/// <summary>What the dishonesty list (失信名单) answered at intake: <c>clear</c>, <c>listed</c> or <c>unknown</c> (lookup failed).</summary>
public sealed record CreditChecked(string Standing) : CaseEvent;

/// <summary>The department verified the item approved on commitment and found it as committed.</summary>
public sealed record VerificationPassed(Guid TaskId, string? Finding) : CaseEvent;

/// <summary>The department's verification found the commitment untrue; <see cref="ItemRevoked"/> follows.</summary>
public sealed record VerificationFailed(Guid TaskId, string Finding) : CaseEvent;

/// <summary>
/// The result of an item approved on commitment was revoked (撤销) after a failed verification.
/// The case's life is unchanged (it may be delivered already); the item's result is void.
/// </summary>
public sealed record ItemRevoked(string StepId, Guid TaskId, Guid VerificationTaskId, string Reason) : CaseEvent;
