using Approval.Calendar;

namespace Approval.Definitions.Model;

/// <summary>
/// Approval on commitment (告知承诺制): the item may be approved at intake on the applicant's signed
/// commitment, and its department then verifies (核查) within <see cref="VerificationLimit"/>; a
/// failed verification revokes (撤销) the item's result.
/// </summary>
public sealed record CommitmentPolicy
{
    /// <summary>The verification task's own limit, in working days from the approval on commitment.</summary>
    public required TimeLimit VerificationLimit { get; init; }
}
