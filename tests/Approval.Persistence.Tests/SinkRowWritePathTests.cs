using Approval.Engine.Cases;
using Approval.Persistence.Cases;
using Approval.Persistence.Statistics;
using Approval.Persistence.Supervision;
using Approval.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests;

/// <summary>
/// The cards and outbox messages of the group commits (<see cref="SqliteSinkRowStatements"/>,
/// <see cref="PostgresSinkRowStatements"/>, bound by hand): the very rows EF saves for the same sinks,
/// a sink that is not a row sink still saved through EF, and a duplicate card losing only its own write.
/// </summary>
public class SinkRowWritePathTests
{
    [Test]
    public async Task On_SQLite_the_statements_and_EF_write_the_same_cards_and_outbox_messages()
    {
        await using var fast = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using var ef = TestDatabase.Create(DatabaseProvider.Sqlite);
        await WriteBothWaysAsync(fast, ef, (connection, sinks) => new SqliteCommitQueue(DatabaseSetup.SqliteConnectionString(connection), sinks));

        await using var model = await ef.Factory.CreateDbContextAsync();
        foreach (var entity in new[] { typeof(SupervisionCardRow), typeof(OutboxMessageRow) }.Select(t => model.Model.FindEntityType(t)!))
        {
            var table = entity.GetTableName()!;
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToList();
            var fastRows = await WritePathContractTests.RowsAsync(fast, table, columns, entity);
            var efRows = await WritePathContractTests.RowsAsync(ef, table, columns, entity);
            Assert.Multiple(() =>
            {
                Assert.That(fastRows, Is.Not.Empty, table);
                Assert.That(fastRows, Is.EqualTo(efRows), $"{table}: statements against EF (expected)");
            });
        }
    }

    [Test]
    public async Task On_PostgreSQL_the_group_batch_and_EF_write_the_same_cards_and_outbox_messages()
    {
        await using var fast = TestDatabase.Create(DatabaseProvider.PostgreSql);
        await using var ef = TestDatabase.Create(DatabaseProvider.PostgreSql);
        await WriteBothWaysAsync(fast, ef, (connection, sinks) => new PostgresCommitQueue(connection, sinks, null));

        foreach (var table in new[] { "supervision_cards", "outbox_messages" })
        {
            var fastRows = await PostgresWritePathTests.RowsAsync(fast, table);
            var efRows = await PostgresWritePathTests.RowsAsync(ef, table);
            Assert.Multiple(() =>
            {
                Assert.That(fastRows, Is.Not.Empty, table);
                Assert.That(fastRows, Is.EqualTo(efRows), $"{table}: group batch against EF (expected)");
            });
        }
    }

    [Test]
    public async Task On_SQLite_a_duplicate_card_in_a_batch_loses_only_its_own_write() =>
        await DuplicateCardAsync(TestDatabase.Create(DatabaseProvider.Sqlite), (connection, sinks) => new SqliteCommitQueue(DatabaseSetup.SqliteConnectionString(connection), sinks));

    [Test]
    public async Task On_PostgreSQL_a_duplicate_card_in_a_group_loses_only_its_own_write() =>
        await DuplicateCardAsync(TestDatabase.Create(DatabaseProvider.PostgreSql), (connection, sinks) => new PostgresCommitQueue(connection, sinks, null));

    /// <summary>The contract's three writes of one case, through the queue into <paramref name="fast"/> and through EF into <paramref name="ef"/>.</summary>
    private static async Task WriteBothWaysAsync(TestDatabase fast, TestDatabase ef, Func<string, ICaseEventSink[], ICaseCommitQueue> queueOf)
    {
        await fast.MigrateAsync();
        await ef.MigrateAsync();
        await using var model = await ef.Factory.CreateDbContextAsync();
        var writes = WritePathContractTests.Writes(model.Model);
        ICaseEventSink[] sinks = [new CounterSink(TestFlow.Calendar), new FilledRowSink(), new EfOnlySink()];

        await using (var queue = queueOf(fast.Options.ConnectionString, sinks))
        {
            foreach (var write in writes)
            {
                Assert.That(await queue.CommitAsync(write), Is.True, "group commit");
            }
        }

        foreach (var write in writes)
        {
            await using var db = await ef.Factory.CreateDbContextAsync();
            write.StageIn(db);
            foreach (var sink in sinks)
            {
                sink.Stage(db, write.Before, write.After, write.Workflow, write.Events);
            }

            await db.SaveChangesAsync();
        }

        await using var check = await fast.Factory.CreateDbContextAsync();
        Assert.That(await check.Set<OutboxMessageRow>().CountAsync(m => m.Channel == "ef"), Is.EqualTo(writes.Count), "the EF-only sink's rows are saved too");
    }

    private static async Task DuplicateCardAsync(TestDatabase created, Func<string, ICaseEventSink[], ICaseCommitQueue> queueOf)
    {
        await using var database = created;
        await database.MigrateAsync();
        var intakes = Enumerable.Range(0, 20).Select(_ => TestFlow.Intake()).ToList();

        // Two of the cases would issue the same card: the primary key refuses the second.
        var shared = Guid.NewGuid();
        var pair = new HashSet<Guid> { intakes[7].After.CaseId, intakes[12].After.CaseId };
        var sink = new FilledRowSink(after => pair.Contains(after.CaseId) ? shared : null);
        bool[] outcomes;
        await using (var queue = queueOf(database.Options.ConnectionString, [new CounterSink(TestFlow.Calendar), sink]))
        {
            // Queued at once, so that they share batches.
            outcomes = await Task.WhenAll(intakes.Select(queue.CommitAsync).ToList());
        }

        var lost = intakes.Where((_, i) => !outcomes[i]).Select(w => w.After.CaseId).ToList();
        await using var db = await database.Factory.CreateDbContextAsync();
        var cases = await db.Cases.AsNoTracking().Select(c => c.Id).ToListAsync();
        var cardCases = await db.Set<SupervisionCardRow>().AsNoTracking().Select(c => c.CaseId).ToListAsync();
        var messageCases = await db.Set<OutboxMessageRow>().AsNoTracking().Select(m => m.CaseId).Distinct().ToListAsync();
        var kept = intakes.Select(w => w.After.CaseId).Except(lost).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lost, Has.Count.EqualTo(1), "only one write is refused");
            Assert.That(pair, Does.Contain(lost.Single()), "the refused write is one of the duplicate card's");
            Assert.That(cases, Is.EquivalentTo(kept), "every other case committed, the refused one not at all");
            Assert.That(cardCases, Is.EquivalentTo(kept), "one card per committed case");
            Assert.That(messageCases, Is.EquivalentTo(kept), "no outbox message of the refused write");
        });
    }
}
