using Approval.Engine.Cases;
using Approval.Persistence.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Statistics;

/// <summary>
/// Read models for supervisors: counts over the case, task and card rows, each one indexed
/// aggregate query, so the screen stays cheap as history grows.
/// </summary>
public sealed class SupervisionStatistics(IDbContextFactory<ApprovalDbContext> dbFactory, TimeProvider time)
{
    private static readonly string[] OpenTask = [nameof(Engine.Cases.TaskStatus.Open), nameof(Engine.Cases.TaskStatus.Claimed)];

    public async Task<SupervisionOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var byStatus = await db.Cases.AsNoTracking().GroupBy(c => c.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => StatusName(g.Key), g => g.Count, cancellationToken);

        var completed = nameof(CaseStatus.Completed);
        var finished = await db.Cases.AsNoTracking().Where(c => c.Status == completed)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Completed = g.Count(),
                OnTime = g.Count(c => c.DueAt == null || c.EndedAt <= c.DueAt),
                OneVisit = g.Count(c => c.Visits <= 1),
                Visits = g.Sum(c => c.Visits),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var completion = finished is null
            ? new CompletionFigures(0, 0, null, 0, null, null)
            : new CompletionFigures(finished.Completed, finished.OnTime, Rate(finished.OnTime, finished.Completed), finished.OneVisit,
                Rate(finished.OneVisit, finished.Completed), finished.Completed == 0 ? null : (double)finished.Visits / finished.Completed);

        var departments = await db.Tasks.AsNoTracking().Where(t => OpenTask.Contains(t.Status))
            .GroupBy(t => t.Department)
            .Select(g => new DepartmentLoad(g.Key, g.Count(), g.Count(t => t.DueAt < nowUtc)))
            .ToListAsync(cancellationToken);

        var since = nowUtc.AddHours(-24);
        var cards = await db.Set<SupervisionCardRow>().AsNoTracking().Where(c => c.IssuedAt >= since)
            .GroupBy(c => c.Level).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var overdue = await db.Tasks.AsNoTracking().Where(t => OpenTask.Contains(t.Status) && t.DueAt < nowUtc)
            .OrderBy(t => t.DueAt).Take(20)
            .Join(db.Cases, t => t.CaseId, c => c.Id, (t, c) => new { t.Id, t.CaseId, c.WorkflowId, t.StepId, t.Department, t.DueAt })
            .ToListAsync(cancellationToken);

        return new SupervisionOverview(
            now,
            byStatus,
            completion,
            [.. departments.OrderByDescending(d => d.Overdue).ThenByDescending(d => d.Open)],
            cards,
            [.. overdue.Select(t => new OverdueTask(t.Id, t.CaseId, t.WorkflowId, t.StepId, t.Department, new DateTimeOffset(t.DueAt)))]);
    }

    /// <summary>A case status as the API spells it everywhere else (<c>AwaitingDelivery</c> → <c>awaiting-delivery</c>).</summary>
    private static string StatusName(string stored) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(stored);

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
