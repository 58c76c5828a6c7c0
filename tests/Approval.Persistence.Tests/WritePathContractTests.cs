using System.Data.Common;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence.Cases;
using Approval.Persistence.Rows;
using Approval.Persistence.Statistics;
using Approval.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Approval.Persistence.Tests;

/// <summary>
/// One write-path contract: SQLite's fast path (<see cref="SqliteCaseStatements"/>, columns bound by
/// hand) and the EF path that PostgreSQL and SQL Server take write the very same rows. The columns
/// compared come from the EF model, and every mapped property is given a non-default value first,
/// so a column the fast path forgets can never pass unnoticed.
/// </summary>
public class WritePathContractTests
{
    [Test]
    public async Task The_SQLite_fast_path_and_the_EF_path_write_the_same_rows_column_for_column()
    {
        await using var fast = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using var ef = TestDatabase.Create(DatabaseProvider.Sqlite);
        await fast.MigrateAsync();
        await ef.MigrateAsync();
        await using var model = await ef.Factory.CreateDbContextAsync();
        var writes = Writes(model.Model);
        var counters = new CounterSink(TestFlow.Calendar);

        await using (var queue = new SqliteCommitQueue(DatabaseSetup.SqliteConnectionString(fast.Options.ConnectionString), [counters]))
        {
            foreach (var write in writes)
            {
                Assert.That(await queue.CommitAsync(write), Is.True, "fast path commit");
            }
        }

        foreach (var write in writes)
        {
            await using var db = await ef.Factory.CreateDbContextAsync();
            write.StageIn(db);
            counters.Stage(db, write.Before, write.After, write.Workflow, write.Events);
            await db.SaveChangesAsync();
        }

        foreach (var entity in new[] { typeof(CaseRow), typeof(CaseEventRow), typeof(TaskRow), typeof(CounterDeltaRow) }.Select(t => model.Model.FindEntityType(t)!))
        {
            var table = entity.GetTableName()!;
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).ToList();
            var fastRows = await RowsAsync(fast, table, columns, entity);
            var efRows = await RowsAsync(ef, table, columns, entity);
            Assert.Multiple(() =>
            {
                Assert.That(fastRows, Is.Not.Empty, table);
                Assert.That(fastRows, Is.EqualTo(efRows), $"{table}: fast path (expected) against EF");
            });
        }
    }

    [Test]
    public async Task The_counter_deltas_of_writes_committed_together_are_summed_to_the_same_totals()
    {
        await using var fast = TestDatabase.Create(DatabaseProvider.Sqlite);
        await fast.MigrateAsync();
        var counters = new CounterSink(TestFlow.Calendar);
        var intakes = Enumerable.Range(0, 20).Select(_ => Intake()).ToList();
        await using (var queue = new SqliteCommitQueue(DatabaseSetup.SqliteConnectionString(fast.Options.ConnectionString), [counters]))
        {
            // Queued at once, so that all but the first share the writer's next batch.
            var outcomes = await Task.WhenAll(intakes.Select(queue.CommitAsync).ToList());
            Assert.That(outcomes, Is.All.True);
        }

        var expected = new CounterChanges();
        var perCommand = 0;
        foreach (var write in intakes)
        {
            var changes = counters.ChangesFor(write.Before, write.Workflow, write.Events);
            perCommand += changes.NonZero.Count();
            expected.AddAll(changes);
        }

        await using var db = await fast.Factory.CreateDbContextAsync();
        var rows = await db.Set<CounterDeltaRow>().AsNoTracking().ToListAsync();
        var totals = rows.GroupBy(r => new CounterKey(r.Day, r.Department, r.Counter)).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
        Assert.Multiple(() =>
        {
            Assert.That(totals, Is.EquivalentTo(expected.NonZero.ToDictionary(c => c.Key, c => c.Value)), "the same totals as one row per command");
            Assert.That(rows, Has.Count.LessThan(perCommand), "summed per batch: fewer rows than one per counter of each command");
        });
    }

    private static CaseWrite Intake()
    {
        var state = new CaseState();
        var decision = CaseDecider.Decide(state, TestFlow.Start(), new DecisionContext(TestFlow.Workflow.Definition, 1, TestFlow.Calendar, TestFlow.Monday, TestFlow.Window));
        Assert.That(decision.Refusal, Is.Null);
        return CaseWrite.Prepare(state, EventHashChain.Genesis, decision.State, decision.Events, TestFlow.Workflow, TestFlow.Calendar);
    }

    /// <summary>Intake, a claim and an approval of one case, as the store prepares them, with every mapped column given a value.</summary>
    internal static List<CaseWrite> Writes(IModel model)
    {
        var writes = new List<CaseWrite>();
        var state = new CaseState();
        var hash = EventHashChain.Genesis;
        Guid? taskId = null;
        foreach (var (command, actor) in new (Func<CaseCommand>, Actor)[]
        {
            (TestFlow.Start, TestFlow.Window),
            (() => new ClaimTask(taskId!.Value), TestFlow.Clerk),
            (() => new ApproveTask(taskId!.Value, null, null), TestFlow.Clerk),
        })
        {
            var context = new DecisionContext(TestFlow.Workflow.Definition, 1, TestFlow.Calendar, TestFlow.Monday, actor);
            var decision = CaseDecider.Decide(state, command(), context);
            Assert.That(decision.Refusal, Is.Null);
            var after = decision.State;

            var write = CaseWrite.Prepare(state, hash, after, decision.Events, TestFlow.Workflow, TestFlow.Calendar);
            Fill(model, write.Case);
            write.Tasks.ForEach(t => Fill(model, t.Row));
            write.EventRows.ForEach(e => Fill(model, e));
            writes.Add(write);
            (state, hash) = (after, write.LastHash);
            taskId ??= after.Tasks.Single().TaskId;
        }

        return writes;
    }

    /// <summary>Gives every mapped property still at its default a value of its own, so that dropping it shows.</summary>
    private static void Fill(IModel model, object row)
    {
        foreach (var property in model.FindEntityType(row.GetType())!.GetProperties())
        {
            if (property.IsPrimaryKey() || property.ValueGenerated != ValueGenerated.Never || property.PropertyInfo is not { } info)
            {
                continue;
            }

            var current = info.GetValue(row);
            if (current is not null && !current.Equals(DefaultOf(info.PropertyType)))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType;
            object value = type == typeof(string) ? new string('x', Math.Min(property.GetMaxLength() ?? 8, 8))
                : type == typeof(int) ? 7
                : type == typeof(bool) ? true
                : type == typeof(DateTime) ? new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc)
                : type == typeof(Guid) ? new Guid("0f0f0f0f-0000-4000-8000-000000000001")
                : throw new InvalidOperationException($"{row.GetType().Name}.{info.Name}: no test value for {type.Name}; add one here.");
            info.SetValue(row, value);
        }
    }

    private static object? DefaultOf(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;

    internal static async Task<List<string>> RowsAsync(TestDatabase database, string table, List<string> columns, IEntityType entity)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var key = string.Join(", ", entity.FindPrimaryKey()!.Properties.Select(p => $"\"{p.GetColumnName()}\""));
        command.CommandText = $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"'{c}=' || typeof(\"{c}\") || ':' || coalesce(\"{c}\", 'NULL')"))} FROM \"{table}\" ORDER BY {key}";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        // The comparison must cover the table whole: every column the database has is in the model's list.
        await using var info = connection.CreateCommand();
        info.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}')";
        Assert.That(Convert.ToInt32(await info.ExecuteScalarAsync()), Is.EqualTo(columns.Count), $"{table}: columns outside the model");
        return rows;
    }
}
