using Approval.Api.Problems;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Delegations;
using Approval.Persistence.Delegations;
using Approval.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>Delegation (委托): a department clerk hands their claimed tasks to a colleague of the same department for a period.</summary>
public static class DelegationsApi
{
    public static RouteGroupBuilder MapDelegationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/delegations").WithTags("Delegations").RequireAuthorization();
        api.MapPost("/", Grant)
            .WithSummary("Hand one's claimed tasks to a colleague of the same department until `to`, or for `workingDays` working days. Ends by itself; moves no deadline.");
        api.MapGet("/", Current).WithSummary("The delegations given by or to the signed-in clerk that have not ended.");
        api.MapGet("/{delegationId:guid}", Get).WithSummary("One delegation: for its delegator, its delegate and supervisors.");
        api.MapPost("/{delegationId:guid}/revoke", Revoke).WithSummary("End a delegation early: its delegator or a supervisor.");
        return api;
    }

    public static async Task<Results<Created<DelegationView>, ProblemHttpResult>> Grant(DelegationRequest request, Clerk clerk, DelegationStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var decision = await store.GrantAsync(clerk.ToActor(), new DelegationInput(request.ToUserId, request.ToDepartment, request.From, request.To, request.WorkingDays, request.Reason), cancellationToken);
        return decision.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/delegations/{decision.Delegation!.Id}", DelegationView.Of(decision.Delegation, time.GetUtcNow()));
    }

    public static async Task<Ok<IReadOnlyList<DelegationView>>> Current(Clerk clerk, DelegationStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<DelegationView> views = [.. (await store.CurrentAsync(clerk.UserId, cancellationToken)).Select(d => DelegationView.Of(d, now))];
        return TypedResults.Ok(views);
    }

    public static async Task<Results<Ok<DelegationView>, ProblemHttpResult>> Get(Guid delegationId, Clerk clerk, DelegationStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(delegationId, cancellationToken) is not { } delegation)
        {
            return NotFound(delegationId);
        }

        return DelegationRules.MayRead(clerk.ToActor(), delegation)
            ? TypedResults.Ok(DelegationView.Of(delegation, time.GetUtcNow()))
            : Refusal.Forbidden(RefusalCodes.DelegationNotYours, "A delegation is read by its delegator, its delegate and supervisors.").ToProblem();
    }

    public static async Task<Results<Ok<DelegationView>, ProblemHttpResult>> Revoke(Guid delegationId, Clerk clerk, DelegationStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var decision = await store.RevokeAsync(clerk.ToActor(), delegationId, cancellationToken);
        return decision.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(DelegationView.Of(decision.Delegation!, time.GetUtcNow()));
    }

    private static ProblemHttpResult NotFound(Guid id) => Refusal.NotFound(RefusalCodes.DelegationNotFound, $"There is no delegation {id}.").ToProblem();
}

/// <summary>
/// A delegation (委托) to ask for: the colleague (<paramref name="ToUserId"/>, of <paramref name="ToDepartment"/>, the
/// delegator's own department when omitted), and the period: from <paramref name="From"/> (now when omitted) until
/// <paramref name="To"/>, or for <paramref name="WorkingDays"/> working days — one of the two.
/// </summary>
public sealed record DelegationRequest(string? ToUserId, string? ToDepartment, DateTimeOffset? From, DateTimeOffset? To, int? WorkingDays, string? Reason);

/// <summary>A delegation as clients see it; <paramref name="Active"/> says whether it applies now (by the service's clock).</summary>
public sealed record DelegationView(
    Guid Id,
    string Department,
    string DelegatorId,
    string DelegatorName,
    string DelegateId,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    bool Active)
{
    public static DelegationView Of(Delegation d, DateTimeOffset now) =>
        new(d.Id, d.Department, d.DelegatorId, d.DelegatorName, d.DelegateId, d.From, d.To, d.Reason, d.CreatedAt, d.RevokedAt, d.RevokedBy, d.IsActiveAt(now));
}
