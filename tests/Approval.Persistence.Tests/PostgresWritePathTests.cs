using System.Data.Common;
using Approval.Engine.Cases;
using Approval.Persistence.Cases;
using Approval.Persistence.Rows;
using Approval.Persistence.Statistics;
using Approval.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests;

/// <summary>
/// PostgreSQL's group commit (<see cref="PostgresCommitQueue"/>, statements bound by hand in
/// <see cref="PostgresCaseStatements"/>): the same rows as EF writes, and a fault in a group stays
/// with the write at fault.
/// </summary>
public class PostgresWritePathTests
{
    [Test]
    public async Task The_group_commit_and_the_EF_path_write_the_same_rows_column_for_column()
    {
        await using var fast = TestDatabase.Create(DatabaseProvider.PostgreSql);
        await using var ef = TestDatabase.Create(DatabaseProvider.PostgreSql);
        await fast.MigrateAsync();
        await ef.MigrateAsync();
        await using var model = await ef.Factory.CreateDbContextAsync();
        var writes = WritePathContractTests.Writes(model.Model);
        var counters = new CounterSink(TestFlow.Calendar);

        await using (var queue = new PostgresCommitQueue(fast.Options.ConnectionString, [counters], null))
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
            counters.Stage(db, write.Before, write.After, write.Workflow, write.Events);
            await db.SaveChangesAsync();
        }

        foreach (var table in new[] { "cases", "case_events", "tasks", "supervision_deltas" })
        {
            var fastRows = await RowsAsync(fast, table);
            var efRows = await RowsAsync(ef, table);
            Assert.Multiple(() =>
            {
                Assert.That(fastRows, Is.Not.Empty, table);
                Assert.That(fastRows, Is.EqualTo(efRows), $"{table}: group commit (expected) against EF");
            });
        }
    }

    [Test]
    public async Task A_conflicting_write_in_a_group_is_refused_alone_and_the_others_commit()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.PostgreSql);
        await database.MigrateAsync();
        var first = Intake();
        await using var queue = new PostgresCommitQueue(database.Options.ConnectionString, [], null);
        Assert.That(await queue.CommitAsync(first.Write), Is.True);

        // Queued together so that they share groups: twenty new cases and a second intake of the first (a conflict).
        var fresh = Enumerable.Range(0, 20).Select(_ => Intake()).ToList();
        var duplicate = Intake(first.CaseId);
        var pending = fresh.Select(w => queue.CommitAsync(w.Write)).Append(queue.CommitAsync(duplicate.Write)).ToList();
        var outcomes = await Task.WhenAll(pending);

        await using var db = await database.Factory.CreateDbContextAsync();
        var stored = await db.Cases.AsNoTracking().Select(c => c.Id).ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes[..^1], Is.All.True, "every new case commits");
            Assert.That(outcomes[^1], Is.False, "the duplicate intake is a conflict, decided again by the store");
            Assert.That(stored, Is.EquivalentTo(fresh.Select(w => w.CaseId).Append(first.CaseId)));
        });
    }

    private static (Guid CaseId, CaseWrite Write) Intake(Guid? caseId = null)
    {
        var command = caseId is { } id ? TestFlow.Start() with { CaseId = id } : TestFlow.Start();
        var state = new CaseState();
        var decision = CaseDecider.Decide(state, command, new DecisionContext(TestFlow.Workflow.Definition, 1, TestFlow.Calendar, TestFlow.Monday, TestFlow.Window));
        Assert.That(decision.Refusal, Is.Null);
        var after = decision.State;
        return (command.CaseId, CaseWrite.Prepare(state, EventHashChain.Genesis, after, decision.Events, TestFlow.Workflow, TestFlow.Calendar));
    }

    /// <summary>Every column of every row, as PostgreSQL renders the row in JSON (types and values both show).</summary>
    internal static async Task<List<string>> RowsAsync(TestDatabase database, string table)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // A delta's generated Id follows insert order, which EF chooses; the rest of its row must match.
        var row = table == "supervision_deltas" ? "(to_jsonb(t) - 'Id')::text" : "row_to_json(t)::text";
        command.CommandText = $"SELECT {row} FROM \"{table}\" t ORDER BY 1";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
