using Approval.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Persistence.Statistics;

/// <summary>
/// The overview of <c>GET /api/supervision/overview</c>, read from the supervision counters
/// (<see cref="CounterStore"/>: standing and all-time totals, never a sum over days) and one bounded index read per open task status, so its cost does
/// not grow with history.
/// </summary>
public sealed class SupervisionStatistics(IDbContextFactory<ApprovalDbContext> dbFactory, TimeProvider time)
{
    private static readonly string[] OpenStatuses = [nameof(TaskStatus.Open), nameof(TaskStatus.Claimed)];

    public async Task<SupervisionOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var snapshot = await CounterSnapshot.BeginAsync(db, cancellationToken);
        var standing = await CounterStore.StandingAsync(db, cancellationToken);
        var totals = await CounterStore.TotalsAsync(db, Counters.Centre, cancellationToken);

        var byStatus = standing.Where(r => r.Department == Counters.Centre && r.Counter.StartsWith(Counters.StatusPrefix, StringComparison.Ordinal) && r.Value != 0)
            .ToDictionary(r => r.Counter[Counters.StatusPrefix.Length..], r => (int)r.Value);

        int Sum(string counter) => (int)totals.Where(r => r.Counter == counter).Sum(r => r.Value);
        var completed = Sum(Counters.Completed);
        var onTime = Sum(Counters.CompletedOnTime);
        var oneVisit = Sum(Counters.CompletedOneVisit);
        var completion = new CompletionFigures(completed, onTime, Rate(onTime, completed), oneVisit, Rate(oneVisit, completed),
            completed == 0 ? null : (double)Sum(Counters.CompletedVisits) / completed);

        var departments = standing.Where(r => r.Department != Counters.Centre).GroupBy(r => r.Department)
            .Select(g => new DepartmentLoad(g.Key,
                (int)g.Where(r => r.Counter is Counters.OpenGreen or Counters.OpenYellow or Counters.OpenRed).Sum(r => r.Value),
                (int)g.Where(r => r.Counter == Counters.OpenRed).Sum(r => r.Value)))
            .Where(d => d.Open != 0)
            .ToList();

        var since = nowUtc.AddHours(-24);
        var cards = await db.Set<Supervision.SupervisionCardRow>().AsNoTracking().Where(c => c.IssuedAt >= since)
            .GroupBy(c => c.Level).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        // Per status, so each read is one range of the (Status, DueAt) index, however many tasks are open.
        var overdue = new List<TaskRow>();
        foreach (var status in OpenStatuses)
        {
            overdue.AddRange(await db.Tasks.AsNoTracking().Where(t => t.Status == status && t.DueAt < nowUtc).OrderBy(t => t.DueAt).Take(20).ToListAsync(cancellationToken));
        }

        overdue = [.. overdue.OrderBy(t => t.DueAt).Take(20)];
        var caseIds = overdue.Select(t => t.CaseId).Distinct().ToList();
        var workflows = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.WorkflowId, cancellationToken);

        return new SupervisionOverview(
            now,
            byStatus,
            completion,
            [.. departments.OrderByDescending(d => d.Overdue).ThenByDescending(d => d.Open)],
            cards,
            [.. overdue.Select(t => new OverdueTask(t.Id, t.CaseId, workflows.GetValueOrDefault(t.CaseId, ""), t.StepId, t.Department, new DateTimeOffset(DateTime.SpecifyKind(t.DueAt, DateTimeKind.Utc))))]);
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
