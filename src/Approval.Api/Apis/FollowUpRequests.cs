namespace Approval.Api.Apis;

/// <summary>An item the applicant commits to at intake (告知承诺制): the task step, who signed, when.</summary>
/// <param name="StepId">A task step the definition marks <c>commitment</c>, e.g. <c>outdoor-sign</c>.</param>
public sealed record CommitmentRequest(string? StepId, string? SignedBy, DateTimeOffset? SignedAt);

/// <summary>The outcome of a verification (核查): passed, or failed with its finding (which revokes the item's result, 撤销).</summary>
public sealed record VerificationRequest(bool? Passed, string? Finding);

/// <summary>The applicant's follow-up (回访) of a rectification: <c>satisfied</c>, <c>dissatisfied</c> or <c>unreachable</c>, and a note.</summary>
public sealed record FollowUpRequest(string? Outcome, string? Note);
