using Approval.Persistence;
using Approval.Supervision.Tests.Infrastructure;
using Approval.Supervision.Timers;
using Approval.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Approval.Supervision.Tests.Infrastructure.Flows;

namespace Approval.Supervision.Tests;

/// <summary>
/// Hangfire.PostgreSql with long polling (workers wait on LISTEN/NOTIFY): a job whose notification
/// never arrives — the LISTEN connection dropped, Hangfire.PostgreSql issue 410 — is still run, by
/// the fallback poll, so its card is still issued.
/// </summary>
public class PostgresLongPollingTests
{
    private static string Database() =>
        PostgresServer.CreateDatabase() ?? throw new IgnoreException($"Skipped: needs a PostgreSQL server. {PostgresServer.Unavailable}");

    [Test]
    public async Task A_timer_due_while_its_notification_is_lost_is_still_carded_by_the_fallback_poll()
    {
        var connectionString = Database();
        var clock = new FakeTimeProvider(Monday);
        await using var node = await Node.StartAsync(DatabaseProvider.PostgreSql, connectionString, clock, scheduler: true, settings: new()
        {
            // The safety net's sweep and Hangfire's scheduler stay out of the way: only a worker's own poll can find the job.
            ["Supervision:SafetyNetInterval"] = "00:30:00",
            ["Supervision:Hangfire:SchedulePollingInterval"] = "00:01:00",
            ["Supervision:Hangfire:LongPolling"] = "true",
            ["Supervision:Hangfire:LongPollingFallbackInterval"] = "00:00:01",
        });
        await node.CatchUp;
        var licence = (await node.StartCaseAsync()).FindTaskOfStep("licence")!.TaskId;
        clock.Set(Local(3, 3).AddSeconds(-2));
        Assert.That((await node.Services.GetRequiredService<SafetyNetJob>().RunAsync(CancellationToken.None)).TimersScheduled, Is.GreaterThanOrEqualTo(1));
        clock.Set(Local(3, 3));

        // The timer becomes due as Hangfire's scheduler would make it (scheduled → enqueued), but
        // without the NOTIFY that goes with it: the notification is lost.
        int moved;
        await using (var sql = new NpgsqlConnection(connectionString))
        {
            await sql.OpenAsync();
            await using var move = new NpgsqlCommand(
                """
                UPDATE hangfire.job SET statename = 'Enqueued' WHERE id IN (SELECT value::bigint FROM hangfire.set WHERE key = 'schedule');
                INSERT INTO hangfire.jobqueue (jobid, queue) SELECT value::bigint, 'default' FROM hangfire.set WHERE key = 'schedule';
                DELETE FROM hangfire.set WHERE key = 'schedule';
                """, sql);
            moved = await move.ExecuteNonQueryAsync();
        }

        var carded = await Eventually.WaitAsync(async () => (await node.CardRowsAsync()).Count(c => c.TaskId == licence) == 1, TimeSpan.FromSeconds(15));
        Assert.Multiple(() =>
        {
            Assert.That(moved, Is.GreaterThanOrEqualTo(3), "a scheduled timer was moved to the queue");
            Assert.That(carded, Is.Not.Null, "the licence's yellow card, issued by the timer the fallback poll fetched");
        });
    }
}
