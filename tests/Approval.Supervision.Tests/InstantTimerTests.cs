using Approval.Supervision.Tests.Infrastructure;
using Approval.Supervision.Timers;
using Hangfire.States;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Supervision.Tests;

/// <summary>One Hangfire job per alert instant (<see cref="DeadlineTimers"/>), without a database or a Hangfire server.</summary>
public class InstantTimerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Close = Now.AddHours(6).AddMinutes(-1);

    private FakeTimeProvider _clock = null!;
    private RecordingJobClient _client = null!;

    [SetUp]
    public void Start() => (_clock, _client) = (new FakeTimeProvider(Now), new RecordingJobClient());

    private DeadlineTimers Timers() => new(_client, _clock, Options.Create(new SupervisionOptions()));

    private static DeadlineTimer At(DateTimeOffset at) => new(Guid.NewGuid(), Guid.NewGuid(), 1, at);

    private List<DateTime> Instants() => [.. _client.Created.Select(c => (DateTime)c.Job.Args[0])];

    [Test]
    public void Deadlines_posted_apart_at_one_instant_share_the_job_made_for_the_first()
    {
        var timers = Timers();
        var first = timers.ScheduleNear([At(Close)]);
        var later = timers.ScheduleNear([At(Close), At(Close)]);
        Assert.Multiple(() =>
        {
            Assert.That((first, later), Is.EqualTo((1, 2)), "every deadline counts as covered");
            Assert.That(Instants(), Is.EqualTo(new[] { Close.UtcDateTime }), "one job for the instant");
            Assert.That(_client.Created.Single().State, Is.TypeOf<ScheduledState>());
            Assert.That(timers.InstantsAhead, Is.EqualTo(1));
        });
    }

    [Test]
    public void Each_instant_gets_its_own_job_and_none_beyond_the_horizon()
    {
        var timers = Timers();
        timers.ScheduleNear([At(Close), At(Close.AddHours(-1)), At(Close), At(Now.AddDays(2))]);
        Assert.That(Instants(), Is.EquivalentTo(new[] { Close.UtcDateTime, Close.AddHours(-1).UtcDateTime }));
    }

    [Test]
    public void Once_its_instant_is_reached_a_new_deadline_at_it_gets_a_job_enqueued_at_once()
    {
        // From its instant on, the first job may already have read the due rows: it cannot cover a later commit.
        var timers = Timers();
        timers.ScheduleNear([At(Close)]);
        _clock.SetUtcNow(Close);
        timers.ScheduleNear([At(Close)]);
        timers.ScheduleNear([At(Close)]);
        Assert.Multiple(() =>
        {
            Assert.That(Instants(), Is.EqualTo(new[] { Close.UtcDateTime, Close.UtcDateTime, Close.UtcDateTime }));
            Assert.That(_client.Created.Skip(1).Select(c => c.State), Is.All.TypeOf<EnqueuedState>());
            Assert.That(timers.InstantsAhead, Is.Zero, "a reached instant is forgotten");
        });
    }

    [Test]
    public void A_job_that_could_not_be_created_is_not_remembered()
    {
        var failing = new FailingOnceJobClient(_client);
        var timers = new DeadlineTimers(failing, _clock, Options.Create(new SupervisionOptions()));
        Assert.Throws<InvalidOperationException>(() => timers.ScheduleNear([At(Close)]));
        timers.ScheduleNear([At(Close)]);
        Assert.That(Instants(), Is.EqualTo(new[] { Close.UtcDateTime }), "the next timer at that instant makes the job");
    }

    private sealed class FailingOnceJobClient(RecordingJobClient inner) : Hangfire.IBackgroundJobClient
    {
        private bool _failed;

        public string Create(Hangfire.Common.Job job, IState state)
        {
            if (!_failed)
            {
                _failed = true;
                throw new InvalidOperationException("storage unavailable");
            }

            return inner.Create(job, state);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }
}
