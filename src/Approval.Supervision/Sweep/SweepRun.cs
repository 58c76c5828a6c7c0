namespace Approval.Supervision.Sweep;

/// <summary>
/// The sweep run that concurrent deadline timers share. When many timers fire at once (a due burst:
/// thousands of tasks opened together reach their yellow point together), the first supervises its
/// own deadline and then sweeps every deadline due up to now, in pages, many cases at a time and with
/// shared commits; the timers firing meanwhile join that work instead of each paying its own
/// Hangfire round trip, database reads and commit.
/// </summary>
/// <remarks>
/// <para>
/// A timer joins only a run that has not started yet: a run already under way may have read the due
/// rows before the timer's deadline was committed. So at most two runs exist, one running and one
/// waiting; every timer that fires while one runs joins the waiting one, which starts when the
/// running one ends and finds little left to do. A timer has checked its deadline is due before it
/// joins (its instant has passed on the business clock), and the run's cut-off is read when it
/// starts, so the run it joins covers it.
/// </para>
/// <para>
/// Exactly once is not this class's business: each deadline is supervised through the engine, which
/// refuses a card already in the history, and the card's deterministic id refuses a second row.
/// In memory, per process; singleton, thread safe.
/// </para>
/// </remarks>
public sealed class SweepRun(DeadlineSweeper sweeper)
{
    private readonly Lock _gate = new();
    private Task? _running;
    private Pending? _waiting;

    /// <summary>
    /// Has <paramref name="deadline"/> (none for a timer of a whole instant) supervised by a run that
    /// starts after this call, together with every other deadline due when it starts. The run is led
    /// by this caller (<see cref="Share.Led"/>, and <see cref="Share.Own"/> is its own deadline's
    /// outcome) or by an earlier caller still waiting.
    /// </summary>
    public Share Join(DueDeadline? deadline)
    {
        lock (_gate)
        {
            if (_waiting is { } waiting)
            {
                return new Share(waiting.Done.Task, null, false);
            }

            var pending = new Pending(deadline);
            var after = _running is { IsCompleted: false } running ? running : null;
            _waiting = after is null ? null : pending;
            // Started off this thread: the run must not begin its work under the lock.
            _running = Task.Run(() => RunAsync(pending, after));

            return new Share(pending.Done.Task, pending.Own.Task, true);
        }
    }

    private async Task RunAsync(Pending pending, Task? after)
    {
        if (after is not null)
        {
            // Ends in a result or an exception already handed to that run's timers.
            await after.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            lock (_gate)
            {
                _waiting = null; // from here on, a timer firing needs a run after this one
            }
        }

        try
        {
            pending.Own.TrySetResult(pending.Leader is { } own ? await sweeper.SuperviseAsync(own, CancellationToken.None) : null);
            pending.Done.TrySetResult(await sweeper.SweepAsync(CancellationToken.None));
        }
        catch (Exception ex)
        {
            pending.Own.TrySetException(ex);
            pending.Done.TrySetException(ex);
        }
    }

    /// <summary>One caller's part in a run: the run's sweep, and the leader's own deadline's outcome (null for one that joined).</summary>
    public sealed record Share(Task<SweepResult> Swept, Task<bool?>? Own, bool Led);

    private sealed class Pending(DueDeadline? leader)
    {
        public DueDeadline? Leader { get; } = leader;

        public TaskCompletionSource<bool?> Own { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<SweepResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
