using Approval.Persistence.Cases;
using Approval.Persistence.Supervision;
using Approval.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests;

/// <summary>
/// The outbox dispatcher's writes (<see cref="OutboxWrites"/>): on SQLite prepared statements run as
/// steps of the case writer's batches (<see cref="SqliteCommitQueue.TryRunAsync"/>), elsewhere EF in
/// transactions of their own; the same rows either way.
/// </summary>
public class OutboxWritesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.PostgreSql)]
    public async Task A_claim_leases_only_the_due_pending_messages_asked_for_and_the_outcomes_are_recorded(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await database.MigrateAsync();
        var due = Message(OutboxStatus.Pending, Now.AddMinutes(-1));
        var failing = Message(OutboxStatus.Pending, Now.AddMinutes(-2));
        var later = Message(OutboxStatus.Pending, Now.AddMinutes(5));
        var delivered = Message(OutboxStatus.Delivered, null);
        var notAsked = Message(OutboxStatus.Pending, Now.AddMinutes(-1));
        var dying = Message(OutboxStatus.Pending, Now.AddMinutes(-3));
        await SeedAsync(database, due, failing, later, delivered, notAsked, dying);
        await using var store = TestFlow.Store(database.Factory, database.Options);
        var writes = new OutboxWrites(database.Factory, store);
        var lease = Now.AddMinutes(10);

        var claimed = await writes.ClaimAsync([due.Id, failing.Id, later.Id, delivered.Id, dying.Id], Now, lease, CancellationToken.None);
        var afterClaim = await RowsAsync(database);
        int leasedByMark;
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            // The dispatcher finds its claim by the lease's exact stored value: the statement must store it as EF does.
            leasedByMark = await db.Set<OutboxMessageRow>().CountAsync(m => m.NextAttemptAt == lease);
        }

        var retryAt = Now.AddMinutes(3);
        await writes.RecordAsync([due.Id], Now, [
            new OutboxFailure(failing.Id, 1, Now, "HttpRequestException: refused", OutboxStatus.Pending, null, retryAt),
            new OutboxFailure(dying.Id, 1, Now, null, OutboxStatus.Dead, Now, null)]);
        var afterRecord = await RowsAsync(database);

        Assert.Multiple(() =>
        {
            Assert.That(claimed, Is.EqualTo(3), "the three due pending messages asked for");
            Assert.That(leasedByMark, Is.EqualTo(3), "found again by their lease");
            Assert.That(afterClaim[due.Id].NextAttemptAt, Is.EqualTo(lease));
            Assert.That(afterClaim[failing.Id].NextAttemptAt, Is.EqualTo(lease));
            Assert.That(afterClaim[later.Id].NextAttemptAt, Is.EqualTo(later.NextAttemptAt), "not due yet");
            Assert.That(afterClaim[notAsked.Id].NextAttemptAt, Is.EqualTo(notAsked.NextAttemptAt), "not in the page");

            Assert.That(afterRecord[due.Id].Status, Is.EqualTo(OutboxStatus.Delivered));
            Assert.That(afterRecord[due.Id].DeliveredAt, Is.EqualTo(Now));
            Assert.That(afterRecord[due.Id].Attempts, Is.EqualTo(1));
            Assert.That(afterRecord[due.Id].NextAttemptAt, Is.Null);
            Assert.That(afterRecord[failing.Id].Status, Is.EqualTo(OutboxStatus.Pending));
            Assert.That(afterRecord[failing.Id].NextAttemptAt, Is.EqualTo(retryAt));
            Assert.That(afterRecord[failing.Id].LastError, Is.EqualTo("HttpRequestException: refused"));
            Assert.That(afterRecord[failing.Id].Attempts, Is.EqualTo(1));
            Assert.That(afterRecord[dying.Id].Status, Is.EqualTo(OutboxStatus.Dead));
            Assert.That(afterRecord[dying.Id].DeadAt, Is.EqualTo(Now));
            Assert.That(afterRecord[dying.Id].NextAttemptAt, Is.Null);
            Assert.That(afterRecord[dying.Id].LastError, Is.Null);
            Assert.That(afterRecord[notAsked.Id].Status, Is.EqualTo(OutboxStatus.Pending), "untouched");
        });
    }

    [Test]
    public async Task On_SQLite_a_failing_work_item_rolls_back_alone_and_the_writes_beside_it_commit()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await database.MigrateAsync();
        var kept = Message(OutboxStatus.Pending, Now);
        var lost = Message(OutboxStatus.Pending, Now);
        await SeedAsync(database, kept, lost);
        var intake = TestFlow.Intake();
        bool committed;
        Exception? failure = null;
        await using (var queue = new SqliteCommitQueue(DatabaseSetup.SqliteConnectionString(database.Options.ConnectionString), []))
        {
            // Queued at once, so that they usually share a batch; what is asserted holds either way.
            var good = queue.TryRunAsync(outbox => outbox.Record([kept.Id], Now, []))!;
            var bad = queue.TryRunAsync(outbox =>
            {
                outbox.Record([lost.Id], Now, []);
                throw new InvalidOperationException("the work failed after its update");
            })!;
            var write = queue.CommitAsync(intake);
            committed = await write;
            Assert.That(await good, Is.True);
            try
            {
                await bad;
            }
            catch (InvalidOperationException ex)
            {
                failure = ex;
            }
        }

        var rows = await RowsAsync(database);
        await using var check = await database.Factory.CreateDbContextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(failure?.Message, Is.EqualTo("the work failed after its update"), "the caller hears the work's own failure");
            Assert.That(rows[kept.Id].Status, Is.EqualTo(OutboxStatus.Delivered), "the good work item committed");
            Assert.That(rows[lost.Id].Status, Is.EqualTo(OutboxStatus.Pending), "the failed one's update was rolled back");
            Assert.That(committed, Is.True);
        });
        Assert.That(await check.Cases.AnyAsync(c => c.Id == intake.After.CaseId), Is.True, "the case write beside them committed");
    }

    private static OutboxMessageRow Message(string status, DateTime? nextAttemptAt) => new()
    {
        Id = Guid.NewGuid(),
        EventId = Guid.NewGuid(),
        Channel = "log",
        Kind = "yellow",
        CaseId = Guid.NewGuid(),
        Payload = "{}",
        Status = status,
        CreatedAt = Now.AddMinutes(-10),
        AgeFrom = Now.AddMinutes(-10),
        NextAttemptAt = nextAttemptAt,
        DeliveredAt = status == OutboxStatus.Delivered ? Now.AddMinutes(-5) : null,
    };

    private static async Task SeedAsync(TestDatabase database, params OutboxMessageRow[] messages)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        db.AddRange(messages);
        await db.SaveChangesAsync();
    }

    private static async Task<Dictionary<Guid, OutboxMessageRow>> RowsAsync(TestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Set<OutboxMessageRow>().AsNoTracking().ToDictionaryAsync(m => m.Id);
    }
}
