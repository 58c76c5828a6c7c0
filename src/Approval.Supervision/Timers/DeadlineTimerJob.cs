using Approval.Persistence;
using Approval.Supervision.Sweep;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Timers;

/// <summary>
/// The Hangfire job of one deadline timer, as versions before one job per instant
/// (<see cref="InstantTimerJob"/>) created them; none is created now, and it stays so the jobs they left
/// in a persistent Hangfire storage still run. It carries only the case, the task (none for the case's
/// own limit) and the due version; what is due is decided from our rows on the business clock and
/// by the engine (<see cref="DeadlineSweeper.SuperviseAsync"/>), never by Hangfire.
/// </summary>
/// <remarks>
/// <para>
/// Hangfire runs a job at least once and stores instants in whole seconds, so a firing may be a
/// repeat, a duplicate or up to a second early; it is also scheduled <see cref="SupervisionOptions.TimerLead"/>
/// early on purpose. A stale version, a vanished deadline or one whose next alert point moved on
/// (more than the lead and <see cref="EarlyWaitLimit"/> ahead: a card was issued and the commit that
/// issued it scheduled the next timer) is a no-op. An early firing waits out the rest on the business
/// clock. A repeat is refused by the engine (the card is already in the history) and by the card's
/// deterministic id.
/// </para>
/// <para>
/// A due deadline is supervised through the <see cref="SweepRun"/> that concurrent timers share: the
/// first timer of a burst cards every deadline then due, and the others join its work
/// (<see cref="TimerOutcome.Joined"/>) instead of each supervising one.
/// </para>
/// <para>
/// The type and method names are stored in Hangfire's jobs: renaming them leaves old jobs unable to
/// run, which strands nothing (the safety net issues the deadline) but shows as failed jobs in the
/// dashboard. No retries: a failure stays due and the safety net tries again within its interval.
/// </para>
/// </remarks>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
public sealed class DeadlineTimerJob(
    IDbContextFactory<ApprovalDbContext> dbFactory,
    SweepRun run,
    TimeProvider time,
    IOptions<SupervisionOptions> options,
    ILogger<DeadlineTimerJob> logger)
{
    /// <summary>A timer fired at most its lead and this long before its instant waits for it; Hangfire fires up to about a second early.</summary>
    public static readonly TimeSpan EarlyWaitLimit = TimeSpan.FromSeconds(2);

    /// <summary>How long a timer that joined a run waits for it, keeping its worker from competing with the run for the cores.</summary>
    private static readonly TimeSpan JoinWaitLimit = TimeSpan.FromSeconds(30);

    public async Task<TimerOutcome> FireAsync(Guid caseId, Guid? taskId, int dueVersion, CancellationToken cancellationToken)
    {
        var next = await NextAlertAsync(caseId, taskId, cancellationToken);
        if (next is not { At: { } at, DueVersion: var version } || version != dueVersion)
        {
            return TimerOutcome.Stale;
        }

        var instant = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        var wait = instant - time.GetUtcNow();
        if (wait > options.Value.TimerLead + EarlyWaitLimit)
        {
            return TimerOutcome.Stale;
        }

        await WaitUntilAsync(instant, time, cancellationToken);
        var share = run.Join(new DueDeadline(caseId, taskId, dueVersion, at));
        var outcome = share.Own is { } own
            ? await own.WaitAsync(cancellationToken) switch
            {
                true => TimerOutcome.Issued,
                false => TimerOutcome.NothingDue,
                null => TimerOutcome.Failed,
            }
            : TimerOutcome.Joined;
        if (outcome == TimerOutcome.Joined)
        {
            try
            {
                await share.Swept.WaitAsync(JoinWaitLimit, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The run's failures are logged by the sweep; a deadline it missed stays due for the safety net.
            }
        }

        logger.LogDebug("Timer of case {CaseId} task {TaskId} v{DueVersion}: {Outcome}.", caseId, taskId, dueVersion, outcome);
        return outcome;
    }

    /// <summary>
    /// Returns once the business clock has reached <paramref name="instant"/>. A timer's delay is counted
    /// in whole milliseconds, the fraction dropped, so a delay of the exact wait ended up to a millisecond
    /// short (measured 0.8 ms), and a sweep that early found nothing due, leaving the whole instant to
    /// the safety net's next minute. The wait is rounded up, and checked again on the clock in case a
    /// timer still ends short of it.
    /// </summary>
    internal static async Task WaitUntilAsync(DateTimeOffset instant, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var wait = instant - time.GetUtcNow(); wait > TimeSpan.Zero; wait = instant - time.GetUtcNow())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), time, cancellationToken);
        }
    }

    private async Task<(DateTime? At, int DueVersion)?> NextAlertAsync(Guid caseId, Guid? taskId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (taskId is { } id)
        {
            var task = await db.Tasks.AsNoTracking().Where(t => t.Id == id && t.CaseId == caseId)
                .Select(t => new { t.NextAlertAt, t.DueVersion }).SingleOrDefaultAsync(cancellationToken);
            return task is null ? null : (task.NextAlertAt, task.DueVersion);
        }

        var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Select(c => new { c.NextAlertAt, c.DueVersion }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.NextAlertAt, row.DueVersion);
    }
}
