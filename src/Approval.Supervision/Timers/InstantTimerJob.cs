using Approval.Supervision.Sweep;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Timers;

/// <summary>
/// The one Hangfire job behind every deadline timer of one alert instant (<see cref="DeadlineTimers"/>:
/// tasks opened on the same day with the same limit reach each alert point together, at the close of
/// a working day). At the instant it starts a <see cref="SweepRun"/>, which cards every
/// deadline then due; so ten thousand deadlines of one instant cost one Hangfire round trip, not ten
/// thousand.
/// </summary>
/// <remarks>
/// It carries only the instant and how many deadlines it stood for when it was made (shown in the
/// dashboard): what is due is read from our rows when it runs, so a deadline that moved meanwhile is
/// simply not due, and one that joined the instant later is carded too. Like <see cref="DeadlineTimerJob"/>:
/// no retries (the safety net issues what a failed run left due), and the type and method names are
/// stored in Hangfire's jobs, so do not rename them.
/// </remarks>
[AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
public sealed class InstantTimerJob(SweepRun run, TimeProvider time, IOptions<SupervisionOptions> options, ILogger<InstantTimerJob> logger)
{
    public async Task<TimerOutcome> FireAsync(DateTime at, int deadlines, CancellationToken cancellationToken)
    {
        var instant = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        if (instant - time.GetUtcNow() > options.Value.TimerLead + DeadlineTimerJob.EarlyWaitLimit)
        {
            return TimerOutcome.Stale; // the business clock is not where it was when the job was made
        }

        await DeadlineTimerJob.WaitUntilAsync(instant, time, cancellationToken);

        var swept = await run.Join(null).Swept.WaitAsync(cancellationToken);
        logger.LogDebug("Timer of {Deadlines} deadline(s) at {At:O}: {Issued} issued, {Done} already done, {Failed} failed.", deadlines, at, swept.Issued, swept.AlreadyDone, swept.Failed);
        return swept.Failed > 0 ? TimerOutcome.Failed : swept.Issued > 0 ? TimerOutcome.Issued : TimerOutcome.NothingDue;
    }
}
