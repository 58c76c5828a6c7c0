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

    /// <summary>
    /// At least this many timers of one instant share one Hangfire job (<see cref="InstantTimerJob"/>);
    /// fewer get one job each.
    /// </summary>
    public const int CrowdSize = 16;

    /// <summary>
    /// Schedules the timers within the horizon: one job each, except that a crowd of at least
    /// <see cref="CrowdSize"/> sharing an instant gets one job for all. Returns how many timers
    /// (deadlines) were scheduled.
    /// </summary>
    public int ScheduleNear(IReadOnlyCollection<DeadlineTimer> timers)
    {
        var scheduled = 0;
        foreach (var instant in timers.Where(t => WithinHorizon(t.At)).GroupBy(t => t.At))
        {
            var crowd = instant.ToList();
            if (crowd.Count >= CrowdSize)
            {
                ScheduleInstant(instant.Key, crowd.Count);
            }
            else
            {
                crowd.ForEach(t => Schedule(t));
            }

            scheduled += crowd.Count;
        }

        return scheduled;
    }

    /// <summary>Creates the one job of a crowd of <paramref name="deadlines"/> timers at <paramref name="at"/>, <see cref="SupervisionOptions.TimerLead"/> early.</summary>
    public string ScheduleInstant(DateTimeOffset at, int deadlines)
    {
        var instant = at.UtcDateTime;
        var job = Job.FromExpression<InstantTimerJob>(j => j.FireAsync(instant, deadlines, CancellationToken.None));
        var delay = at - options.Value.TimerLead - time.GetUtcNow();
        IState state = delay <= TimeSpan.Zero ? new EnqueuedState() : new ScheduledState(delay);
        return jobs.Create(job, state);
    }
}
