using Approval.Api.Problems;
using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Persistence.Audit;
using Approval.Persistence.Cases;
using Approval.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Approval.Api.Apis;

/// <summary>Audit trail verification (全程留痕): proves a case's stored history was not rewritten. See docs/audit.md.</summary>
public static class AuditApi
{
    /// <summary>
    /// Maps <c>GET /api/cases/{caseId}/audit</c>. Whoever may read the case (<see cref="ReadAccess"/>)
    /// may check its trail: any clerk who doubts a record should be able to.
    /// </summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases").WithTags("Audit").RequireAuthorization(Policies.Staff);
        api.MapGet("/{caseId:guid}/audit", Verify)
            .WithSummary("Verify the case's hash-chained history (全程留痕): valid, or the first missing or rewritten event.");
        return api;
    }

    public static async Task<Results<Ok<AuditView>, ProblemHttpResult>> Verify(
        Guid caseId, Clerk clerk, CaseStore store, IDbContextFactory<ApprovalDbContext> dbFactory, CancellationToken cancellationToken)
    {
        // The same read rule as the case itself; a case whose events cannot be loaded is still verified, so a broken chain is reported, not hidden.
        if (await LoadForAccess(caseId, store, cancellationToken) is { } state && CaseAccess.ReadScope(clerk.ToActor(), state) == CaseReadScope.None)
        {
            return CaseAccess.CaseRefused(clerk.ToActor()).ToProblem();
        }

        // The verifier holds no state, so one per request costs nothing and needs no registration.
        var audit = await new AuditVerifier(dbFactory).VerifyAsync(caseId, cancellationToken);
        return audit is null
            ? Refusal.NotFound(RefusalCodes.CaseNotFound, $"There is no case {caseId}.").ToProblem()
            : TypedResults.Ok(AuditView.From(audit));
    }

    private static async Task<CaseState?> LoadForAccess(Guid caseId, CaseStore store, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.LoadAsync(caseId, cancellationToken))?.State;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>The verdict on a case's trail.</summary>
/// <param name="Events">How many events are stored.</param>
/// <param name="FirstBrokenSequence">The first missing or failing event; absent when valid.</param>
/// <param name="Kind"><c>missing-event</c>, <c>hash-mismatch</c>, <c>column-mismatch</c> or <c>count-mismatch</c>; absent when valid.</param>
/// <param name="Problem">What is wrong, for a person; absent when valid.</param>
/// <param name="LastHash">The last event's stored hash: note it to anchor the trail.</param>
public sealed record AuditView(Guid CaseId, int Events, bool Valid, int? FirstBrokenSequence, string? Kind, string? Problem, string LastHash)
{
    public static AuditView From(CaseAudit a) => new(a.CaseId, a.Events, a.Valid, a.FirstBrokenSequence, a.Break?.Code(), a.Problem, a.LastHash);
}
