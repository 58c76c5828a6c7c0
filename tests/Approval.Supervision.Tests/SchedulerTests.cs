using System.Diagnostics;
using Approval.Engine.Cases;
using Approval.Persistence.Supervision;
using Approval.Supervision.Tests.Infrastructure;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>Quartz, hosted with the persistent store in the service's SQLite file, drives the sweep and the outbox on its own.</summary>
public class SchedulerTests
{
    [Test]
    public async Task With_the_default_interval_a_card_and_its_alert_land_within_5_seconds_of_the_instant()
    {
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(database, clock, scheduler: true);
        await node.CatchUp;
        var licence = (await node.StartCaseAsync()).FindTaskOfStep("licence")!.TaskId;
        clock.Set(Local(3, 3).AddSeconds(-1));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // at least one scheduled sweep before the instant
        Assert.That((await node.CardRowsAsync()).Where(c => c.TaskId == licence), Is.Empty, "nothing before the warning point");

        clock.Set(Local(3, 3)); // the business clock reaches the licence's warning point now
        var watch = Stopwatch.StartNew();
        TimeSpan? card = null, alert = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(10) && alert is null)
        {
            var row = (await node.CardRowsAsync()).SingleOrDefault(c => c.TaskId == licence);
            card ??= row is null ? null : watch.Elapsed;
            if (row is not null && (await node.OutboxAsync()).Any(m => m.EventId == row.Id && m.Status == OutboxStatus.Delivered))
            {
                alert = watch.Elapsed;
            }

            await Task.Delay(50);
        }

        var levels = (await node.CardRowsAsync()).Where(c => c.TaskId == licence).Select(c => c.Level).ToList();
        TestContext.Out.WriteLine($"card after {card?.TotalMilliseconds:F0} ms, alert delivered after {alert?.TotalMilliseconds:F0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(card, Is.Not.Null.And.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(alert, Is.Not.Null.And.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(levels, Is.EqualTo(new[] { CardLevels.Yellow }));
        });
    }
}
