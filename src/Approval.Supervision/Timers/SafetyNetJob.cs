using System.Globalization;
using Approval.Persistence;
using Approval.Supervision.Sweep;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Timers;

/// <summary>What one safety-net run did.</summary>
/// <param name="Swept">The sweep of deadlines already due (their timers lost, failed, or never made).</param>
/// <param name="TimersScheduled">Timers created for deadlines that came within the horizon.</param>
public sealed record SafetyNetResult(SweepResult Swept, int TimersScheduled);

/// <summary>
/// The recurring Hangfire job behind the timers (every <see cref="SupervisionOptions.SafetyNetInterval"/>,
/// and once at start-up): first it issues every deadline already due, over the <c>NextAlertAt</c>
/// indexes (<see cref="DeadlineSweeper"/>); then it creates the timers of deadlines that came within
/// <see cref="SupervisionOptions.TimerHorizon"/> since its last run.
/// </summary>
/// <remarks>
/// The window already covered ends at a watermark kept in Hangfire's own storage (a hash), so it
/// survives a restart exactly as long as the timers it made do: on in-memory storage a restart
/// forgets both and the window starts again at now, rebuilding every timer of the horizon from our
/// rows; on PostgreSQL and SQL Server both persist and nothing is scheduled twice. The type and
/// method names are stored in Hangfire: do not rename them.
/// </remarks>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class SafetyNetJob(
    IDbContextFactory<ApprovalDbContext> dbFactory,
    DeadlineSweeper sweeper,
    DeadlineTimers timers,
    JobStorage storage,
    TimeProvider time,
    IOptions<SupervisionOptions> options,
    ILogger<SafetyNetJob> logger)
{
    public const string RecurringId = "approval-deadline-safety-net";

    /// <summary>The Hangfire hash (and its field) holding the business instant up to which timers exist.</summary>
    public const string WatermarkHash = "approval:timers";

    private const string WatermarkField = "scheduled-through";

    /// <summary>At most this many timers of one kind (task or case) are created per run; the rest follow on the next.</summary>
    private const int MaxPerRun = 100_000;

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<SafetyNetResult> RunAsync(CancellationToken cancellationToken)
    {
        // DisableConcurrentExecution covers Hangfire's own runs; the start-up catch-up calls this directly.
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var swept = await sweeper.SweepAsync(cancellationToken);
            var scheduled = await ScheduleComingAsync(cancellationToken);
            if (scheduled > 0)
            {
                logger.LogInformation("Safety net: {Scheduled} timer(s) scheduled for deadlines within the horizon.", scheduled);
            }

            return new SafetyNetResult(swept, scheduled);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<int> ScheduleComingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var to = now + options.Value.TimerHorizon;
        var watermark = ReadWatermark();
        var from = watermark is { } w && w > now ? w : now;
        if (from >= to)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.NextAlertAt > from && t.NextAlertAt <= to)
            .OrderBy(t => t.NextAlertAt)
            .Take(MaxPerRun + 1)
            .Select(t => new DueDeadline(t.CaseId, t.Id, t.DueVersion, t.NextAlertAt!.Value))
            .ToListAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.NextAlertAt > from && c.NextAlertAt <= to)
            .OrderBy(c => c.NextAlertAt)
            .Take(MaxPerRun + 1)
            .Select(c => new DueDeadline(c.Id, null, c.DueVersion, c.NextAlertAt!.Value))
            .ToListAsync(cancellationToken);
        var through = Min(Cut(tasks, to), Cut(cases, to));
        var scheduled = timers.ScheduleNear([.. tasks.Concat(cases).Where(d => d.NextAlertAt <= through)
            .Select(d => new DeadlineTimer(d.CaseId, d.TaskId, d.DueVersion, new DateTimeOffset(DateTime.SpecifyKind(d.NextAlertAt, DateTimeKind.Utc))))]);

        WriteWatermark(through);
        return scheduled;
    }

    /// <summary>Where a capped page may end: before the instant it was cut in, so no deadline of that instant is skipped.</summary>
    private static DateTime Cut(List<DueDeadline> page, DateTime to) =>
        page.Count <= MaxPerRun ? to : page[MaxPerRun].NextAlertAt.AddTicks(-1);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private DateTime? ReadWatermark()
    {
        using var connection = (Hangfire.Storage.JobStorageConnection)storage.GetConnection();
        var value = connection.GetValueFromHash(WatermarkHash, WatermarkField);
        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    private void WriteWatermark(DateTime through)
    {
        using var connection = storage.GetConnection();
        connection.SetRangeInHash(WatermarkHash, [new KeyValuePair<string, string>(WatermarkField, through.ToString("O", CultureInfo.InvariantCulture))]);
    }
}
