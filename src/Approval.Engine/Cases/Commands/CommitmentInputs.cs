namespace Approval.Engine.Cases.Commands;

/// <summary>
/// One item the applicant commits to at intake (告知承诺制): the task step, who signed the
/// commitment and when. Validated by the decider against the definition's <c>commitment</c> items.
/// </summary>
public sealed record CommitmentInput(string? StepId, string? SignedBy, DateTimeOffset? SignedAt);

/// <summary>
/// What the dishonesty list (失信名单) said about the applicant when the API looked them up: the
/// engine never looks anything up itself, so the answer travels in the command.
/// </summary>
public enum CreditStanding
{
    /// <summary>No list is configured, or the intake had nothing that depends on credit: nothing was asked.</summary>
    NotChecked,

    /// <summary>The applicant is not on the list.</summary>
    Clear,

    /// <summary>The applicant is on the list: no deferred materials (容缺), no approval on commitment.</summary>
    Listed,

    /// <summary>The lookup failed (timeout, error): commitment is refused (fail closed), deferral allowed (fail open).</summary>
    Unknown,
}
