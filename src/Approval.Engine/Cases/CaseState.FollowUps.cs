using System.Collections.Immutable;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// The case's follow-up record: approval on commitment (告知承诺制) with its verifications and
/// revocations, the applicant's credit as looked up at intake, and who delivered (for 差评整改).
/// </summary>
public sealed partial record CaseState
{
    /// <summary>The items the applicant committed to at intake, by step id.</summary>
    public ImmutableDictionary<string, CommitmentRecord> Commitments { get; private init; } = ImmutableDictionary.Create<string, CommitmentRecord>(StringComparer.Ordinal);

    /// <summary>Items whose result was revoked (撤销) after a failed verification, in order.</summary>
    public ImmutableList<ItemRevoked> Revocations { get; private init; } = [];

    /// <summary>The dishonesty list's answer at intake (<c>clear</c>, <c>listed</c>, <c>unknown</c>); null when not looked up.</summary>
    public string? Credit { get; private init; }

    /// <summary>The department of the window clerk who delivered the results; where a bad rating's rectification goes by default.</summary>
    public string? DeliveredBy { get; private init; }

    /// <summary>Whether the applicant committed to <paramref name="stepId"/> at intake.</summary>
    public bool IsCommitted(string stepId) => Commitments.ContainsKey(stepId);

    /// <summary>Whether the result of <paramref name="stepId"/> was revoked.</summary>
    public bool IsRevoked(string stepId) => Revocations.Exists(r => string.Equals(r.StepId, stepId, StringComparison.Ordinal));

    private CaseState Apply(CommitmentsSigned e) => this with { Commitments = Commitments.SetItems(e.Items.Select(i => KeyValuePair.Create(i.StepId, i))) };

    private CaseState Apply(CreditChecked e) => this with { Credit = e.Standing };

    private CaseState Apply(VerificationPassed e) => Close(e.TaskId, TaskStatus.Approved, e.At, t => t with { Result = e.Finding ?? "verified" });

    private CaseState Apply(VerificationFailed e) => Close(e.TaskId, TaskStatus.Rejected, e.At, t => t with { Reason = e.Finding });

    private CaseState Apply(ItemRevoked e) => this with { Revocations = Revocations.Add(e) };

    private CaseState Apply(FollowUpRecorded e) => Close(e.TaskId, TaskStatus.Approved, e.At, t => t with { Result = e.Outcome, Reason = e.Note });
}
