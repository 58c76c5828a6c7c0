using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Timers;

/// <summary>
/// Gives the deadlines within the horizon their Hangfire timers: one <see cref="InstantTimerJob"/> per
/// distinct alert instant, however many deadlines share it. The instant is a business instant (the
/// injected <see cref="TimeProvider"/>); Hangfire is given the remaining delay, which it adds to its
/// own clock, so a fake business clock never reaches Hangfire's polling.
/// </summary>
/// <remarks>
/// <para>
/// Deadlines end at the close of a working day, so the tasks opened in one day share a handful of
/// instants. A job per deadline cost a Hangfire job creation on every task opened (with its
/// expression compiled, a dynamic method to finalize, and the storage's dispatcher woken) and, at the
/// instant, a job run per deadline that only joined the one sweep run anyway. So this process
/// remembers the instants it has a job for; a later deadline at one of them needs nothing more,
/// because the job reads what is due from our rows when its instant comes.
/// </para>
/// <para>
/// An instant is remembered only until it is reached: from then on its job may already have read the
/// due rows, so a deadline posted at or after its instant gets a job of its own (enqueued at once).
/// Jobs are created after the commit, outside our transaction (no Hangfire storage can join it on
/// every provider): a job may be missing (the process died in between, or the memory of instants is
/// lost with the process while the storage kept a job) or duplicated. Neither matters, because the
/// job decides from our rows and the safety net issues whatever is due without one. Thread safe.
/// </para>
/// </remarks>
public sealed class DeadlineTimers(IBackgroundJobClient jobs, TimeProvider time, IOptions<SupervisionOptions> options)
{
    private readonly ConcurrentDictionary<DateTimeOffset, string> _instants = new();

    /// <summary>True when <paramref name="at"/> is close enough to get a Hangfire job now; later ones wait for the safety net.</summary>
    public bool WithinHorizon(DateTimeOffset at) => at - time.GetUtcNow() <= options.Value.TimerHorizon;

    /// <summary>The future instants this process holds a Hangfire job for (the bench and the tests read it).</summary>
    public int InstantsAhead => _instants.Count;

    /// <summary>
    /// Schedules the timers within the horizon, one job per instant that this process has no job for
    /// yet. Returns how many timers (deadlines) are now covered by a job, new or earlier.
    /// </summary>
    public int ScheduleNear(IReadOnlyCollection<DeadlineTimer> timers)
    {
        var now = time.GetUtcNow();
        ForgetReached(now);
        var covered = 0;
        foreach (var instant in timers.Where(t => WithinHorizon(t.At)).GroupBy(t => t.At))
        {
            var count = instant.Count();
            if (instant.Key <= now)
            {
                ScheduleInstant(instant.Key, count);
            }
            else
            {
                _instants.GetOrAdd(instant.Key, (at, deadlines) => ScheduleInstant(at, deadlines), count);
            }

            covered += count;
        }

        return covered;
    }

    /// <summary>Creates the one job of the <paramref name="deadlines"/> timers at <paramref name="at"/>, <see cref="SupervisionOptions.TimerLead"/> early (enqueued at once when that is past); returns the Hangfire job id.</summary>
    public string ScheduleInstant(DateTimeOffset at, int deadlines)
    {
        var instant = at.UtcDateTime;
        var job = Job.FromExpression<InstantTimerJob>(j => j.FireAsync(instant, deadlines, CancellationToken.None));
        var delay = at - options.Value.TimerLead - time.GetUtcNow();
        IState state = delay <= TimeSpan.Zero ? new EnqueuedState() : new ScheduledState(delay);
        return jobs.Create(job, state);
    }

    private void ForgetReached(DateTimeOffset now)
    {
        foreach (var at in _instants.Keys)
        {
            if (at <= now)
            {
                _instants.TryRemove(at, out _);
            }
        }
    }
}
