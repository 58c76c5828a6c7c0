using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Persistence.Supervision;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Supervision.Queries;

/// <summary>Which cards to list. Null members do not filter.</summary>
/// <param name="Open">
/// True: only cards still in force — their task (or case) is still open and the deadline they refer to
/// has not moved since. False: only the others. Null: all.
/// </param>
/// <param name="AfterIssuedAt">With <paramref name="AfterId"/>: the last card of the previous page; the list continues after it (keyset paging).</param>
public sealed record CardFilter(string? Department, string? Level, bool? Open, int Limit, DateTime? AfterIssuedAt = null, Guid? AfterId = null);

/// <summary>Read-side queries over <see cref="SupervisionCardRow"/>. Thread safe.</summary>
public sealed class CardQueries(IDbContextFactory<ApprovalDbContext> dbFactory)
{
    private static readonly string[] OpenTaskStatuses = [nameof(TaskStatus.Open), nameof(TaskStatus.Claimed)];

    /// <summary>Cards matching <paramref name="filter"/>, newest first.</summary>
    public async Task<IReadOnlyList<SupervisionCardRow>> ListAsync(CardFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cards = db.Set<SupervisionCardRow>().AsNoTracking();
        if (filter.Department is { } department)
        {
            cards = cards.Where(c => c.Department == department);
        }

        if (filter.Level is { } level)
        {
            cards = cards.Where(c => c.Level == level);
        }

        if (filter.Open is { } open)
        {
            var running = nameof(CaseStatus.Running);
            cards = cards.Where(c =>
                ((c.TaskId != null && db.Tasks.Any(t => t.Id == c.TaskId && OpenTaskStatuses.Contains(t.Status) && t.DueVersion == c.DueVersion))
                 || (c.TaskId == null && db.Cases.Any(k => k.Id == c.CaseId && k.Status == running && k.DueVersion == c.DueVersion))) == open);
        }

        if (filter.AfterIssuedAt is { } at && filter.AfterId is { } id)
        {
            cards = cards.Where(c => c.IssuedAt < at || (c.IssuedAt == at && c.Id.CompareTo(id) > 0));
        }

        return await cards.OrderByDescending(c => c.IssuedAt).ThenBy(c => c.Id).Take(filter.Limit).ToListAsync(cancellationToken);
    }
}
