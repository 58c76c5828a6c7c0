using Approval.Engine.Cases.Events;
using Approval.Persistence;
using Approval.Persistence.Supervision;
using Approval.Supervision.Tests.Infrastructure;
using Approval.Supervision.Timers;
using Approval.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>Two service nodes with Hangfire servers on one PostgreSQL database (Hangfire.PostgreSql, schema <c>hangfire</c>).</summary>
public class PostgresTimerTests
{
    private static readonly Dictionary<string, string?> RareSafetyNet = new() { ["Supervision:SafetyNetInterval"] = "00:30:00" };

    private static string Database() =>
        PostgresServer.CreateDatabase() ?? throw new IgnoreException($"Skipped: needs a PostgreSQL server. {PostgresServer.Unavailable}");

    [Test]
    public async Task Two_nodes_running_timers_on_PostgreSQL_issue_each_card_once_and_deliver_each_alert_once()
    {
        var connectionString = Database();
        var clock = new FakeTimeProvider(Monday);
        await using var a = await Node.StartAsync(DatabaseProvider.PostgreSql, connectionString, clock, scheduler: true, settings: RareSafetyNet);
        await using var b = await Node.StartAsync(DatabaseProvider.PostgreSql, connectionString, clock, scheduler: true, settings: RareSafetyNet);
        await Task.WhenAll(a.CatchUp, b.CatchUp);
        var cases = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            cases.Add((await (i % 2 == 0 ? a : b).StartCaseAsync()).CaseId);
        }

        // The licence's yellow (close of Monday) and red (close of Tuesday): timers made by both nodes' safety nets at once.
        var expected = 0;
        foreach (var instant in new[] { Local(3, 3), Local(3, 4) })
        {
            expected += cases.Count;
            clock.Set(instant.AddSeconds(-2));
            await Task.WhenAll(
                a.Services.GetRequiredService<SafetyNetJob>().RunAsync(CancellationToken.None),
                b.Services.GetRequiredService<SafetyNetJob>().RunAsync(CancellationToken.None));
            clock.Set(instant);
            var landed = await Eventually.WaitAsync(async () => (await a.CardRowsAsync()).Count(c => c.TaskId != null) >= expected, TimeSpan.FromSeconds(20));
            Assert.That(landed, Is.Not.Null, $"cards at {instant}");
        }

        await Eventually.WaitAsync(async () => (await a.OutboxAsync()).All(m => m.Status == OutboxStatus.Delivered), TimeSpan.FromSeconds(10));
        var events = new List<(Guid CaseId, CardIssued Card)>();
        foreach (var id in cases)
        {
            events.AddRange((await a.HistoryAsync(id)).OfType<CardIssued>().Select(e => (id, e)));
        }

        var rows = await a.CardRowsAsync();
        var outbox = await a.OutboxAsync();
        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.GreaterThanOrEqualTo(2 * cases.Count), "yellow and red on every licence");
            Assert.That(events.Select(e => (e.CaseId, e.Card.TaskId, e.Card.Level, e.Card.Escalation, e.Card.DueVersion)), Is.Unique);
            Assert.That(rows, Has.Count.EqualTo(events.Count));
            Assert.That(outbox, Has.Count.EqualTo(rows.Count));
            Assert.That(outbox.Select(m => m.Attempts), Is.All.EqualTo(1), "no alert delivered twice");
        });
    }

    [Test]
    public async Task A_timer_job_whose_type_was_renamed_strands_nothing_the_safety_net_issues_the_deadline()
    {
        var connectionString = Database();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(DatabaseProvider.PostgreSql, connectionString, clock, scheduler: true, settings: RareSafetyNet);
        await node.CatchUp;
        var licence = (await node.StartCaseAsync()).FindTaskOfStep("licence")!.TaskId;
        clock.Set(Local(3, 3).AddSeconds(-2));
        var net = node.Services.GetRequiredService<SafetyNetJob>();
        Assert.That((await net.RunAsync(CancellationToken.None)).TimersScheduled, Is.GreaterThanOrEqualTo(1));

        // As after a deploy that renamed the job's type: the stored job names a type that no longer exists.
        await using (var sql = new NpgsqlConnection(connectionString))
        {
            await sql.OpenAsync();
            await using var rename = new NpgsqlCommand("UPDATE hangfire.job SET invocationdata = replace(invocationdata::text, 'InstantTimerJob', 'RenamedTimerJob')::jsonb", sql);
            Assert.That(await rename.ExecuteNonQueryAsync(), Is.GreaterThanOrEqualTo(1));
        }

        clock.Set(Local(3, 3));
        var failed = await Eventually.WaitAsync(() => Task.FromResult(node.JobStorage.GetMonitoringApi().FailedCount() + node.JobStorage.GetMonitoringApi().ScheduledCount() > 0
            && node.JobStorage.GetMonitoringApi().SucceededJobs(0, 100).All(j => j.Value.Job?.Type != typeof(InstantTimerJob))), TimeSpan.FromSeconds(10));
        await Task.Delay(3000); // the renamed job's instant passes: it cannot run
        var before = (await node.CardRowsAsync()).Count(c => c.TaskId == licence);
        var swept = await net.RunAsync(CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(failed, Is.Not.Null);
            Assert.That(before, Is.Zero, "the renamed job issued nothing");
            Assert.That(swept.Swept.Issued, Is.EqualTo(1), "the safety net found the deadline");
            Assert.That((await node.CardRowsAsync()).Count(c => c.TaskId == licence), Is.EqualTo(1));
        });
    }
}
