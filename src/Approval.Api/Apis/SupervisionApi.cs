using Approval.Api.Problems;
using Approval.Engine.Cases;
using Approval.Security;
using Approval.Supervision.Outbox;
using Approval.Supervision.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>
/// Electronic supervision (电子监察): the cards issued by the deadline engine, and the alerts that
/// could not be delivered (dead letters), which supervisors redeliver.
/// </summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/supervision").WithTags("Supervision");
        api.MapGet("/cards", Cards).RequireAuthorization(Policies.DepartmentClerk)
            .WithSummary("Cards (黄牌/红牌/督办) and approvals by silence, newest first, in pages (limit ≤ 1000, cursor → nextCursor). Supervisors see every department; department clerks their own.");
        api.MapGet("/dead-letters", ListDeadLetters).RequireAuthorization(Policies.Supervisor)
            .WithSummary("Alerts given up after the retry age, newest first, in pages (limit ≤ 1000, cursor → nextCursor).");
        api.MapPost("/dead-letters/{id:guid}/redeliver", Redeliver).RequireAuthorization(Policies.Supervisor)
            .WithSummary("Queue a dead letter again with a fresh retry age; same body and event id. Idempotent.");
        return api;
    }

    /// <summary>Longest page of cards or dead letters.</summary>
    public const int MaxPage = 1000;

    public static async Task<Results<Ok<Page<CardView>>, ProblemHttpResult>> Cards(
        Clerk clerk, CardQueries cards, string? department, string? level, bool? open, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        // An empty parameter (?department=&level=, as a form or the docs send it) means "any".
        department = string.IsNullOrEmpty(department) ? null : department;
        level = string.IsNullOrEmpty(level) ? null : level;
        if (!CaseAccess.MayReadCards(clerk.ToActor(), department, out department))
        {
            return CaseAccess.CardsRefused().ToProblem();
        }

        if (level is not null && !CardLevels.IsKnown(level))
        {
            return RefusalProblems.Invalid(RefusalCodes.CardLevel, new FieldPath("level"), $"level must be one of {string.Join(", ", CardLevels.All)}.");
        }

        var badCursor = Paging.Cursor(cursor, "cards", out var after);
        if ((Paging.Limit(limit, MaxPage, out var take, fallback: 200) ?? badCursor) is { } bad)
        {
            return bad;
        }

        var rows = await cards.ListAsync(new CardFilter(department, level, open, take + 1, after?.At, after?.Id), cancellationToken);
        return TypedResults.Ok(Paging.Of(rows, take, "cards", r => new PageKey(r.IssuedAt, r.Id), CardView.From));
    }

    public static async Task<Results<Ok<Page<OutboxMessageView>>, ProblemHttpResult>> ListDeadLetters(
        DeadLetters deadLetters, string? department, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        department = string.IsNullOrEmpty(department) ? null : department;
        var badCursor = Paging.Cursor(cursor, "dead-letters", out var after);
        if ((Paging.Limit(limit, MaxPage, out var take, fallback: 200) ?? badCursor) is { } bad)
        {
            return bad;
        }

        var rows = await deadLetters.ListAsync(department, take + 1, after?.At, after?.Id, cancellationToken);
        // A dead letter always has DeadAt; MinValue only keeps the key total.
        return TypedResults.Ok(Paging.Of(rows, take, "dead-letters", r => new PageKey(r.DeadAt ?? DateTime.MinValue, r.Id), OutboxMessageView.From));
    }

    public static async Task<Results<Ok<OutboxMessageView>, ProblemHttpResult>> Redeliver(
        Guid id, Clerk clerk, DeadLetters deadLetters, CancellationToken cancellationToken)
    {
        var outcome = await deadLetters.RedeliverAsync(id, clerk.UserId, cancellationToken);
        if (outcome == RedeliveryOutcome.NotFound || await deadLetters.FindAsync(id, cancellationToken) is not { } message)
        {
            return Refusal.NotFound(RefusalCodes.DeadLetterNotFound, $"There is no outbox message {id}. Redeliver by the dead letter's own 'id' from GET /api/supervision/dead-letters, not by its 'eventId' (the card's id, shared by every channel).").ToProblem();
        }

        // Requeued now, or already pending/delivered from an earlier call: either way the answer is its state.
        return TypedResults.Ok(OutboxMessageView.From(message));
    }
}
