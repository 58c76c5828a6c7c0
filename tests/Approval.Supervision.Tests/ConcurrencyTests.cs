using Approval.Engine.Cases.Events;
using Approval.Persistence.Supervision;
using Approval.Supervision.Tests.Infrastructure;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>Two service processes (two nodes, each with its own CaseStore and sweeper) on one database file.</summary>
public class ConcurrencyTests
{
    [Test]
    public async Task Two_nodes_sweeping_and_dispatching_at_once_issue_each_card_once_and_deliver_each_alert_once()
    {
        using var database = new TempDatabase();
        var clock = new FakeTimeProvider(Monday);
        await using var a = await Node.StartAsync(database, clock);
        await using var b = await Node.StartAsync(database, clock);
        var cases = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            cases.Add((await (i % 2 == 0 ? a : b).StartCaseAsync()).CaseId);
        }

        foreach (var at in new[] { Local(3, 5, 9), Local(3, 6, 12), Local(3, 9, 12) })
        {
            clock.Set(at);
            await Task.WhenAll(a.Sweeper.SweepAsync(), b.Sweeper.SweepAsync(), a.Sweeper.SweepAsync(), b.Sweeper.SweepAsync());
            await Task.WhenAll(a.Dispatcher.DispatchDueAsync(), b.Dispatcher.DispatchDueAsync());
        }

        var rows = await a.CardRowsAsync();
        var events = new List<(Guid CaseId, CardIssued Card)>();
        foreach (var id in cases)
        {
            events.AddRange((await a.HistoryAsync(id)).OfType<CardIssued>().Select(e => (id, e)));
        }

        var outbox = await a.OutboxAsync();
        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.GreaterThan(30), "yellow, red and escalations on several deadlines of every case");
            Assert.That(events.Select(e => (e.CaseId, e.Card.TaskId, e.Card.Level, e.Card.Escalation, e.Card.DueVersion)), Is.Unique, "once per (task, level, version) in the history");
            Assert.That(rows.Count(r => r.Level != Engine.Cases.CardLevels.ApproveBySilence), Is.EqualTo(events.Count), "one row per card event");
            Assert.That(outbox, Has.Count.EqualTo(rows.Count), "one alert per card and silent approval");
            Assert.That(outbox.Select(m => m.Status), Is.All.EqualTo(OutboxStatus.Delivered));
            Assert.That(outbox.Select(m => m.Attempts), Is.All.EqualTo(1), "no alert was delivered twice");
        });
    }
}
