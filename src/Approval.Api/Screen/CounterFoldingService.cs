using Approval.Calendar;
using Approval.Persistence;
using Approval.Persistence.Statistics;
using Approval.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Approval.Api.Screen;

/// <summary>
/// Folds the supervision counter deltas into the daily and standing counters every
/// <see cref="Interval"/>, so the delta table stays a few seconds long whatever the history.
/// A failed fold is logged and tried again next time: the deltas stay until folded. A database
/// from before the counters (cases, no counters) is rebuilt from its events first.
/// </summary>
internal sealed class CounterFoldingService(
    CounterFolder folder, IDbContextFactory<ApprovalDbContext> dbFactory, WorkingCalendar calendar, WorkflowCatalog catalog,
    ILogger<CounterFoldingService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var rebuilder = new CounterRebuilder(dbFactory, calendar, (id, version) => catalog.Find(id, version)?.Definition);
            if (await rebuilder.IsMissingAsync(stoppingToken))
            {
                logger.LogInformation("The database has cases but no supervision counters; rebuilding them from the events.");
                await rebuilder.RebuildAsync(stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Rebuilding the supervision counters failed; run 'approval supervision rebuild'.");
        }

        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await folder.FoldAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Folding the supervision counters failed; the deltas wait for the next fold.");
            }
        }
    }
}
