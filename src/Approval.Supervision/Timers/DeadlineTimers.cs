using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Timers;

/// <summary>
/// Creates the Hangfire delayed job of one deadline. The instant is a business instant (the injected
/// <see cref="TimeProvider"/>); Hangfire is given the remaining delay, which it adds to its own
/// clock, so a fake business clock never reaches Hangfire's polling.
/// </summary>
/// <remarks>
/// Jobs are created after the commit, outside our transaction (no Hangfire storage can join it on
/// every provider): a job may be missing (the process died in between) or duplicated (the safety net
/// and a commit both scheduled it). Neither matters, because the job decides from our rows and the
/// safety net issues whatever is due without one. Thread safe.
/// </remarks>
public sealed class DeadlineTimers(IBackgroundJobClient jobs, TimeProvider time, IOptions<SupervisionOptions> options)
{
    /// <summary>True when <paramref name="at"/> is close enough to get a Hangfire job now; later ones wait for the safety net.</summary>
    public bool WithinHorizon(DateTimeOffset at) => at - time.GetUtcNow() <= options.Value.TimerHorizon;

    /// <summary>
    /// Creates the timer's job, <see cref="SupervisionOptions.TimerLead"/> before its instant (enqueued
    /// at once when that is past); returns the Hangfire job id.
    /// </summary>
    public string Schedule(DeadlineTimer timer)
    {
        var job = Job.FromExpression<DeadlineTimerJob>(j => j.FireAsync(timer.CaseId, timer.TaskId, timer.DueVersion, CancellationToken.None));
        var delay = timer.At - options.Value.TimerLead - time.GetUtcNow();
        IState state = delay <= TimeSpan.Zero ? new EnqueuedState() : new ScheduledState(delay);
        return jobs.Create(job, state);
    }

    /// <summary>Schedules <paramref name="timer"/> when it is within the horizon; true when it did.</summary>
    public bool ScheduleIfNear(DeadlineTimer timer)
    {
        if (!WithinHorizon(timer.At))
        {
            return false;
        }

        Schedule(timer);
        return true;
    }
}
