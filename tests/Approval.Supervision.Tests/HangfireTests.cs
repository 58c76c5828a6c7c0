using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Supervision;
using Approval.Supervision.Tests.Infrastructure;
using Approval.Supervision.Timers;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>The real Hangfire server (in-memory storage, as on SQLite; short polling) runs the timers on its own.</summary>
public class HangfireTests
{
    // The safety net runs at :00 and :30 only: what lands within seconds was done by a timer.
    private static readonly Dictionary<string, string?> RareSafetyNet = new() { ["Supervision:SafetyNetInterval"] = "00:30:00" };

    internal static async Task<bool> TimerSucceededAsync(JobStorage storage) =>
        await Task.FromResult(storage.GetMonitoringApi().SucceededJobs(0, 100).Any(j => j.Value.Job?.Type == typeof(InstantTimerJob)));

    [Test]
    public async Task A_timer_made_by_the_safety_net_fires_on_Hangfire_and_its_card_and_alert_land_within_seconds()
    {
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(database, clock, scheduler: true, settings: RareSafetyNet);
        await node.CatchUp;
        var licence = (await node.StartCaseAsync()).FindTaskOfStep("licence")!.TaskId;
        Assert.That(node.JobStorage.GetMonitoringApi().ScheduledCount(), Is.Zero, "the licence warns in 14 h, beyond the 6 h horizon: no job yet");

        clock.Set(Local(3, 3).AddSeconds(-2)); // within the horizon now
        var net = await node.Services.GetRequiredService<SafetyNetJob>().RunAsync(CancellationToken.None);
        Assert.That(net.TimersScheduled, Is.GreaterThanOrEqualTo(1));
        clock.Set(Local(3, 3)); // the business clock reaches the instant; Hangfire's timer is ~2 s of wall time away

        var card = await Eventually.WaitAsync(async () => (await node.CardRowsAsync()).Any(c => c.TaskId == licence), TimeSpan.FromSeconds(15));
        var alert = await Eventually.WaitAsync(async () => (await node.OutboxAsync()).Any(m => m.Status == OutboxStatus.Delivered), TimeSpan.FromSeconds(15));
        TestContext.Out.WriteLine($"card after {card?.TotalMilliseconds:F0} ms, alert {alert?.TotalMilliseconds:F0} ms later");
        Assert.Multiple(async () =>
        {
            Assert.That(card, Is.Not.Null.And.LessThan(TimeSpan.FromSeconds(6)), "about 2 s of delay plus one polling");
            Assert.That(alert, Is.Not.Null.And.LessThan(TimeSpan.FromSeconds(2)), "delivery is enqueued by the card's commit");
            Assert.That((await node.CardRowsAsync()).Where(c => c.TaskId == licence).Select(c => c.Level), Is.EqualTo(new[] { CardLevels.Yellow }));
            Assert.That(await TimerSucceededAsync(node.JobStorage), Is.True, "the instant's job did it");
        });
    }

    [Test]
    public async Task The_same_timer_job_enqueued_twice_runs_on_two_workers_and_records_one_card()
    {
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(database, clock, scheduler: true, settings: RareSafetyNet);
        await node.CatchUp;
        var started = await node.StartCaseAsync();
        var licence = started.FindTaskOfStep("licence")!.TaskId;
        clock.Set(Local(3, 3, 0, 1));
        var jobs = node.Services.GetRequiredService<IBackgroundJobClient>();
        var instant = Local(3, 3).UtcDateTime; // the licence's yellow point
        for (var i = 0; i < 2; i++)
        {
            jobs.Enqueue<InstantTimerJob>(j => j.FireAsync(instant, 1, CancellationToken.None));
        }

        var done = await Eventually.WaitAsync(
            () => Task.FromResult(node.JobStorage.GetMonitoringApi().SucceededJobs(0, 100).Count(j => j.Value.Job?.Type == typeof(InstantTimerJob)) >= 2), TimeSpan.FromSeconds(15));
        await Eventually.WaitAsync(async () => (await node.OutboxAsync()).All(m => m.Status == OutboxStatus.Delivered), TimeSpan.FromSeconds(10));
        var cards = (await node.HistoryAsync(started.CaseId)).OfType<CardIssued>().Where(c => c.TaskId == licence).ToList();
        var outbox = await node.OutboxAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(done, Is.Not.Null, "both jobs ran");
            Assert.That(cards.Select(c => c.Level), Is.EqualTo(new[] { CardLevel.Yellow }));
            Assert.That((await node.CardRowsAsync()).Count(c => c.TaskId == licence), Is.EqualTo(1));
            Assert.That(outbox, Has.Count.EqualTo(1));
            Assert.That(outbox.Single().Attempts, Is.EqualTo(1), "delivered once");
        });
    }

    [Test]
    public async Task A_deadline_whose_timer_job_is_gone_is_issued_once_by_the_safety_net()
    {
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(database, clock, scheduler: true, settings: RareSafetyNet);
        await node.CatchUp;
        var licence = (await node.StartCaseAsync()).FindTaskOfStep("licence")!.TaskId;
        clock.Set(Local(3, 3).AddSeconds(-30));
        var net = node.Services.GetRequiredService<SafetyNetJob>();
        await net.RunAsync(CancellationToken.None);
        // A deploy that renamed or removed the job type leaves jobs that can never run: here they are deleted.
        var monitoring = node.JobStorage.GetMonitoringApi();
        var scheduled = monitoring.ScheduledJobs(0, 100).Select(j => j.Key).ToList();
        foreach (var id in scheduled)
        {
            node.Services.GetRequiredService<IBackgroundJobClient>().Delete(id);
        }

        clock.Set(Local(3, 3, 0, 1));
        var swept = await net.RunAsync(CancellationToken.None);
        var again = await net.RunAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(scheduled, Is.Not.Empty, "there was a timer to lose");
            Assert.That(swept.Swept.Issued, Is.EqualTo(1));
            Assert.That(again.Swept.Issued, Is.Zero);
            Assert.That((await node.CardRowsAsync()).Where(c => c.TaskId == licence).Select(c => c.Level), Is.EqualTo(new[] { CardLevels.Yellow }));
        });
    }
}
