using Approval.Engine.Cases;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Api.Views;

/// <summary>An item approved on the applicant's commitment (告知承诺制) and where its verification (核查) stands.</summary>
/// <param name="Verification"><c>open</c>, <c>passed</c>, <c>failed</c>, <c>cancelled</c>, or <c>pending</c> before the item's step opened.</param>
public sealed record CommitmentView(string StepId, string SignedBy, DateTimeOffset SignedAt, Guid? VerificationTaskId, string Verification, bool Revoked);

/// <summary>An item whose result was revoked (撤销) after a failed verification.</summary>
public sealed record RevocationView(string StepId, Guid TaskId, Guid VerificationTaskId, string Reason, DateTimeOffset At);

/// <summary>The case view's follow-up parts, built from the case's state.</summary>
internal static class FollowUpViews
{
    public static IReadOnlyList<CommitmentView> Commitments(CaseState state) =>
    [
        .. state.Commitments.Values.OrderBy(c => c.StepId, StringComparer.Ordinal).Select(c =>
        {
            var verification = state.Tasks.FirstOrDefault(t => t.Kind == TaskKind.Verification && t.StepId == c.StepId);
            var status = verification?.Status switch
            {
                null => "pending",
                TaskStatus.Approved => "passed",
                TaskStatus.Rejected => "failed",
                TaskStatus.Cancelled => "cancelled",
                _ => "open",
            };
            return new CommitmentView(c.StepId, c.SignedBy, c.SignedAt, verification?.TaskId, status, state.IsRevoked(c.StepId));
        }),
    ];

    public static IReadOnlyList<RevocationView> Revocations(CaseState state) =>
        [.. state.Revocations.Select(r => new RevocationView(r.StepId, r.TaskId, r.VerificationTaskId, r.Reason, r.At))];
}
