using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence;
using Approval.Supervision.Sweep;
using Approval.Supervision.Tests.Infrastructure;
using Approval.Supervision.Timers;
using Hangfire.InMemory;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>The timer's job and the safety net's scheduling on a fake business clock, without a Hangfire server.</summary>
public class TimerHandlerTests
{
    private TempDatabase _database = null!;
    private FakeTimeProvider _clock = null!;
    private Node _node = null!;
    private SweepRun _run = null!;

    [SetUp]
    public async Task Start()
    {
        _database = new TempDatabase();
        _clock = new FakeTimeProvider(Monday);
        _node = await Node.StartAsync(_database, _clock);
        _run = new SweepRun(_node.Sweeper);
    }

    [TearDown]
    public async Task Stop()
    {
        await _node.DisposeAsync();
        _database.Dispose();
    }

    private DeadlineTimerJob Timer() => new(_node.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>(), _run, _clock, Options.Create(new SupervisionOptions()), NullLogger<DeadlineTimerJob>.Instance);

    private async Task<(CaseState Case, Guid Licence)> StartAsync()
    {
        var started = await _node.StartCaseAsync();
        return (started, started.FindTaskOfStep("licence")!.TaskId);
    }

    private async Task<List<string>> LicenceCardsAsync(Guid licence) =>
        [.. (await _node.CardRowsAsync()).Where(c => c.TaskId == licence).Select(c => $"{c.Level}@v{c.DueVersion}")];

    [Test]
    public async Task A_timer_at_its_instant_issues_the_card_once()
    {
        var (started, licence) = await StartAsync();
        _clock.Set(Local(3, 3)); // the licence's yellow point: the close of Monday
        var outcome = await Timer().FireAsync(started.CaseId, licence, 1, CancellationToken.None);
        var again = await Timer().FireAsync(started.CaseId, licence, 1, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(outcome, Is.EqualTo(TimerOutcome.Issued));
            Assert.That(again, Is.EqualTo(TimerOutcome.Stale), "the card moved the alert point on to red: this timer is spent");
            Assert.That(await LicenceCardsAsync(licence), Is.EqualTo(new[] { "yellow@v1" }));
        });
    }

    [Test]
    public async Task A_timer_fired_a_second_early_waits_on_the_business_clock_and_then_issues()
    {
        var (started, licence) = await StartAsync();
        _clock.Set(Local(3, 3).AddSeconds(-1.5)); // Hangfire stores whole seconds: it may fire early
        var firing = Timer().FireAsync(started.CaseId, licence, 1, CancellationToken.None);
        await Task.Delay(100);
        Assert.Multiple(async () =>
        {
            Assert.That(firing.IsCompleted, Is.False, "waits for the instant");
            Assert.That(await LicenceCardsAsync(licence), Is.Empty, "nothing before the instant");
        });

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Multiple(async () =>
        {
            Assert.That(await firing.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(TimerOutcome.Issued));
            Assert.That(await LicenceCardsAsync(licence), Is.EqualTo(new[] { "yellow@v1" }));
        });
    }

    [Test]
    public async Task A_timer_of_a_stale_version_or_a_moved_instant_or_a_closed_task_is_a_no_op()
    {
        var (started, licence) = await StartAsync();
        var hoursEarly = await Timer().FireAsync(started.CaseId, licence, 1, CancellationToken.None); // the alert point is 14 h away: moved
        _clock.Set(Local(3, 3));
        var staleVersion = await Timer().FireAsync(started.CaseId, licence, 7, CancellationToken.None);
        var unknownCase = await Timer().FireAsync(Guid.NewGuid(), licence, 1, CancellationToken.None);
        await _node.DoAsync(started, _ => new Approval.Engine.Cases.Commands.ApproveTask(licence, "OK", null), Node.Clerk("market-regulation"));
        var closed = await Timer().FireAsync(started.CaseId, licence, 1, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(hoursEarly, Is.EqualTo(TimerOutcome.Stale));
            Assert.That(staleVersion, Is.EqualTo(TimerOutcome.Stale));
            Assert.That(unknownCase, Is.EqualTo(TimerOutcome.Stale));
            Assert.That(closed, Is.EqualTo(TimerOutcome.Stale));
            Assert.That(await LicenceCardsAsync(licence), Is.Empty);
        });
    }

    [Test]
    public async Task The_same_timer_fired_twice_at_once_records_one_card_and_one_alert()
    {
        var (started, licence) = await StartAsync();
        _clock.Set(Local(3, 3, 0, 1));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Timer().FireAsync(started.CaseId, licence, 1, CancellationToken.None))));
        var history = (await _node.HistoryAsync(started.CaseId)).OfType<CardIssued>().Where(c => c.TaskId == licence).ToList();
        var outbox = (await _node.OutboxAsync()).Where(m => m.Kind == CardLevels.Yellow).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Count(o => o == TimerOutcome.Issued), Is.EqualTo(1), string.Join(",", outcomes));
            Assert.That(await LicenceCardsAsync(licence), Is.EqualTo(new[] { "yellow@v1" }));
            Assert.That(history, Has.Count.EqualTo(1));
            Assert.That(outbox.Count(m => m.CaseId == started.CaseId), Is.EqualTo(1), "one alert (log channel)");
        });
    }

    [Test]
    public async Task A_burst_of_timers_due_at_once_is_carded_by_one_shared_run_each_card_once()
    {
        var licences = new List<(Guid Case, Guid Task)>();
        for (var i = 0; i < 12; i++)
        {
            var (started, licence) = await StartAsync();
            licences.Add((started.CaseId, licence));
        }

        _clock.Set(Local(3, 3)); // every licence reaches its yellow point at the same instant
        var outcomes = await Task.WhenAll(licences.Select(l => Task.Run(() => Timer().FireAsync(l.Case, l.Task, 1, CancellationToken.None))));
        var ids = licences.Select(l => (Guid?)l.Task).ToHashSet();
        var yellows = (await _node.CardRowsAsync()).Where(c => c.Level == CardLevels.Yellow && ids.Contains(c.TaskId)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o == TimerOutcome.Issued), Is.EqualTo(1), "the first timer leads the run and issues its own card: " + string.Join(",", outcomes));
            Assert.That(outcomes, Has.None.EqualTo(TimerOutcome.Failed));
            Assert.That(yellows.Select(c => c.TaskId!.Value).Order(), Is.EquivalentTo(licences.Select(l => l.Task)), "the run carded every licence due, each once");
        });
    }

    [Test]
    public async Task The_safety_net_schedules_only_deadlines_within_the_horizon_and_each_once()
    {
        for (var i = 0; i < 3; i++)
        {
            await _node.StartCaseAsync();
        }

        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new QuietHangfireLog());
        var client = new RecordingJobClient();
        var options = Options.Create(new SupervisionOptions { TimerHorizon = TimeSpan.FromDays(1) });
        var timers = new DeadlineTimers(client, _clock, options);
        var net = new SafetyNetJob(_node.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>(), _node.Sweeper, timers,
            new InMemoryStorage(), _clock, options, NullLogger<SafetyNetJob>.Instance);

        var first = await net.RunAsync(CancellationToken.None);
        var firstJobs = client.Created.Count;
        var expected = await CountAlertsBetweenAsync(_clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1));
        var second = await net.RunAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(1));
        var third = await net.RunAsync(CancellationToken.None);
        // Counted after the run: its sweep issued the overdue yellow cards, which moved those alert points on to red.
        var later = await CountAlertsBetweenAsync(Monday.AddDays(1), Monday.AddDays(2));
        var delays = client.Created.Take(firstJobs).Select(c => ((ScheduledState)c.State).EnqueueAt - DateTime.UtcNow).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(expected, Is.GreaterThanOrEqualTo(3), "every case's licence warns within a day");
            Assert.That(first.TimersScheduled, Is.EqualTo(expected), "one timer per deadline within the horizon, none beyond");
            Assert.That(second.TimersScheduled, Is.Zero, "the window already covered is not scheduled again");
            Assert.That(third.Swept.Issued, Is.GreaterThanOrEqualTo(3), "the overdue yellows");
            Assert.That(third.TimersScheduled, Is.EqualTo(later).And.GreaterThan(0), "only what came within the horizon since");
            Assert.That(client.Created.Select(c => c.Job.Type), Is.All.EqualTo(typeof(InstantTimerJob)));
            Assert.That(firstJobs, Is.LessThan(first.TimersScheduled), "deadlines sharing an instant share its job");
            Assert.That(delays, Is.All.GreaterThan(TimeSpan.FromHours(13)), "delays are business-clock distances, handed to Hangfire's own clock");
        });
    }

    [Test]
    public async Task The_deadlines_sharing_an_instant_get_one_Hangfire_job_that_cards_them_all()
    {
        const int Cases = 5;
        var licences = new HashSet<Guid?>();
        for (var i = 0; i < Cases; i++)
        {
            licences.Add((await StartAsync()).Licence);
        }

        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new QuietHangfireLog());
        var client = new RecordingJobClient();
        var options = Options.Create(new SupervisionOptions { TimerHorizon = TimeSpan.FromDays(1) });
        var net = new SafetyNetJob(_node.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>(), _node.Sweeper, new DeadlineTimers(client, _clock, options),
            new InMemoryStorage(), _clock, options, NullLogger<SafetyNetJob>.Instance);
        var scheduled = await net.RunAsync(CancellationToken.None);
        var crowd = client.Created.Where(c => c.Job.Type == typeof(InstantTimerJob)).Select(c => (At: (DateTime)c.Job.Args[0], Deadlines: (int)c.Job.Args[1])).ToList();
        var licenceInstant = Local(3, 3).UtcDateTime;

        _clock.Set(Local(3, 3));
        var outcome = await new InstantTimerJob(_run, _clock, options, NullLogger<InstantTimerJob>.Instance).FireAsync(licenceInstant, Cases, CancellationToken.None);
        var yellows = (await _node.CardRowsAsync()).Where(c => c.Level == CardLevels.Yellow && licences.Contains(c.TaskId)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(crowd.Where(c => c.At == licenceInstant).Select(c => c.Deadlines), Is.EqualTo(new[] { Cases }), "one job stands for the licences' instant");
            Assert.That(client.Created, Has.Count.LessThan(scheduled.TimersScheduled), "fewer jobs than timers");
            Assert.That(outcome, Is.EqualTo(TimerOutcome.Issued));
            Assert.That(yellows.Select(c => c.TaskId), Is.EquivalentTo(licences), "every licence carded, each once");
        });
    }

    [Test]
    public async Task An_instant_timer_whose_delay_ends_before_the_instant_waits_out_the_rest_before_sweeping()
    {
        var (_, licence) = await StartAsync();
        var instant = Local(3, 3);
        _clock.Set(instant - TimeSpan.FromMilliseconds(500));
        var early = new FirstTimerEarly(_clock, TimeSpan.FromMilliseconds(1));
        var firing = new InstantTimerJob(_run, early, Options.Create(new SupervisionOptions()), NullLogger<InstantTimerJob>.Instance).FireAsync(instant.UtcDateTime, 1, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(499)); // the delay ends here, a millisecond before the instant
        // The job either sweeps now (too early) or waits again with a second timer: wait for one or the other.
        for (var waited = 0; early.Timers < 2 && !firing.IsCompleted && waited < 5_000; waited += 10)
        {
            await Task.Delay(10);
        }

        var cardsEarly = await LicenceCardsAsync(licence);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var outcome = await firing.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Multiple(async () =>
        {
            Assert.That(cardsEarly, Is.Empty, "nothing carded before the instant");
            Assert.That(outcome, Is.EqualTo(TimerOutcome.Issued), "the timer's own sweep cards the instant, not the safety net's next one");
            Assert.That(await LicenceCardsAsync(licence), Is.EqualTo(new[] { "yellow@v1" }));
        });
    }

    /// <summary>The fake clock, except that its first timer fires <paramref name="early"/> before its time, as a real timer's may.</summary>
    private sealed class FirstTimerEarly(FakeTimeProvider clock, TimeSpan early) : TimeProvider
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            clock.CreateTimer(callback, state, Interlocked.Increment(ref _timers) == 1 && dueTime > early ? dueTime - early : dueTime, period);
    }

    private async Task<int> CountAlertsBetweenAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await using var db = await _node.Db();
        var (f, t) = (from.UtcDateTime, to.UtcDateTime);
        return await db.Tasks.CountAsync(x => x.NextAlertAt > f && x.NextAlertAt <= t) + await db.Cases.CountAsync(x => x.NextAlertAt > f && x.NextAlertAt <= t);
    }
}
