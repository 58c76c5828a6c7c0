using Approval.Persistence;
using Approval.Persistence.Supervision;
using Approval.Persistence.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Approval.Supervision.Outbox;

/// <summary>
/// Reads the outbox's depth, its oldest pending alert's age and the dead letters into
/// <see cref="ApprovalMetrics"/> every <see cref="Interval"/>, so the gauges are ready at scrape
/// time without a query per scrape. Runs only where metrics are exported; three indexed counts.
/// </summary>
public sealed class OutboxSampler(
    IDbContextFactory<ApprovalDbContext> dbFactory,
    ApprovalMetrics metrics,
    TimeProvider time,
    ILogger<OutboxSampler> logger) : BackgroundService
{
    /// <summary>About a Prometheus scrape interval: a fresher reading would not be seen.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    /// <summary>Takes one reading now.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var messages = db.Set<OutboxMessageRow>().AsNoTracking();
        var pending = await messages.Where(m => m.Status == OutboxStatus.Pending)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.LongCount(), Oldest = g.Min(m => m.CreatedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        var dead = await messages.LongCountAsync(m => m.Status == OutboxStatus.Dead, cancellationToken);
        var age = pending is null ? TimeSpan.Zero : time.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(pending.Oldest, DateTimeKind.Utc);
        metrics.OutboxSampled(pending?.Count ?? 0, age, dead);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A reading missed is a gauge a little stale, not a reason to stop the service.
                logger.LogWarning(ex, "Could not read the outbox for its gauges.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
