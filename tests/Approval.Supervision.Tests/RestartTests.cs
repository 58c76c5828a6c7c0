using Approval.Engine.Cases;
using Approval.Persistence.Supervision;
using Approval.Supervision.Tests.Infrastructure;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>The service stopped across a deadline's instant, then started again: the card and its alert arrive once, at start.</summary>
public class RestartTests
{
    [Test]
    public async Task A_deadline_passed_while_the_service_was_stopped_gets_one_card_and_one_alert_at_the_next_start()
    {
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        Guid licence;
        await using (var before = await Node.StartAsync(database, clock, scheduler: true))
        {
            await before.CatchUp;
            licence = (await before.StartCaseAsync()).FindTaskOfStep("licence")!.TaskId;
        }

        // Stopped across the licence's warning point (the close of Monday), started Tuesday noon.
        clock.Set(Local(3, 3, 12));
        await using (var after = await Node.StartAsync(database, clock, scheduler: true))
        {
            await after.CatchUp.WaitAsync(TimeSpan.FromSeconds(10));
            // A second restart must not repeat it.
        }

        await using var again = await Node.StartAsync(database, clock, scheduler: true);
        await again.CatchUp.WaitAsync(TimeSpan.FromSeconds(10));
        var cards = (await again.CardRowsAsync()).Where(c => c.TaskId == licence).ToList();
        var alerts = (await again.OutboxAsync()).Where(m => cards.Select(c => c.Id).Contains(m.EventId)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(cards.Select(c => c.Level), Is.EqualTo(new[] { CardLevels.Yellow }), "one card");
            Assert.That(alerts, Has.Count.EqualTo(1), "one alert");
            Assert.That(alerts.Single().Status, Is.EqualTo(OutboxStatus.Delivered), "delivered by the start-up catch-up");
            Assert.That(alerts.Single().Attempts, Is.EqualTo(1));
        });
    }
}
