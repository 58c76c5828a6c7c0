using System.Data.Common;
using Approval.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests.Legacy;

/// <summary>
/// A case as an earlier release left it in a database of the hand-written migrations. Today's store
/// writes today's columns, which the old schema lacks, so the case is started on a current database
/// and its rows are copied into the old one, column by column where the old table has the column.
/// </summary>
internal static class LegacyCase
{
    private static readonly string[] Tables = ["cases", "case_events", "tasks"];

    public static async Task<Guid> WriteAsync(TestDatabase legacy)
    {
        await using var current = TestDatabase.Create(legacy.Provider);
        await current.MigrateAsync();
        Guid caseId;
        await using (var store = TestFlow.Store(current.Factory, current.Options))
        {
            var started = await store.StartAsync(TestFlow.Workflow, TestFlow.Start(), TestFlow.Window);
            Assert.That(started.Refusal, Is.Null, "the case is started");
            caseId = started.State!.CaseId;
        }

        await using var from = await current.Factory.CreateDbContextAsync();
        await using var to = await legacy.Factory.CreateDbContextAsync();
        var source = from.Database.GetDbConnection();
        var target = to.Database.GetDbConnection();
        await source.OpenAsync();
        await target.OpenAsync();
        foreach (var table in Tables)
        {
            var columns = (await ColumnsAsync(target, table)).Intersect(await ColumnsAsync(source, table)).ToList();
            Assert.That(columns, Is.Not.Empty, table);
            await CopyAsync(source, target, table, columns);
        }

        return caseId;
    }

    private static async Task<List<string>> ColumnsAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
    }

    private static async Task CopyAsync(DbConnection source, DbConnection target, string table, List<string> columns)
    {
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {list} FROM \"{table}\"";
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            await using var insert = target.CreateCommand();
            insert.CommandText = $"INSERT INTO \"{table}\" ({list}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
            for (var i = 0; i < columns.Count; i++)
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                parameter.Value = reader.GetValue(i);
                insert.Parameters.Add(parameter);
            }

            await insert.ExecuteNonQueryAsync();
        }
    }
}
