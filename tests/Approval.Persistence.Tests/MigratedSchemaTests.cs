using Approval.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests;

/// <summary>
/// The migrations are written by hand, so this proves they build exactly the schema EF derives
/// from the model: same tables, columns (type, nullability, key) and indexes.
/// </summary>
public class MigratedSchemaTests
{
    private static ApprovalDbContext Open(string file) =>
        new(new DbContextOptionsBuilder<ApprovalDbContext>()
            .UseSqlite($"Data Source={file}")
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options);

    [Test]
    public async Task Migrating_an_empty_SQLite_database_gives_the_schema_of_the_model()
    {
        var folder = Directory.CreateTempSubdirectory("approval-schema").FullName;
        try
        {
            await using (var migrated = Open(Path.Combine(folder, "migrated.db")))
            {
                await DatabaseSetup.MigrateAsync(migrated);
            }

            await using (var created = Open(Path.Combine(folder, "created.db")))
            {
                await created.Database.EnsureCreatedAsync();
            }

            var fromMigrations = Describe(Path.Combine(folder, "migrated.db"));
            var fromModel = Describe(Path.Combine(folder, "created.db"));
            Assert.That(fromMigrations, Is.EqualTo(fromModel));
            Assert.That(fromModel, Has.Some.StartsWith("tasks.NextAlertAt"), "the description really lists columns");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Describe(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        var lines = new List<string>();
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND substr(name, 1, 4) <> '__EF' ORDER BY name");
        foreach (var table in tables)
        {
            foreach (var column in Query(connection, $"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}') ORDER BY name"))
            {
                lines.Add($"{table}.{column}");
            }

            foreach (var index in Query(connection, $"SELECT name || ' unique=' || \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c' ORDER BY name"))
            {
                var name = index.Split(' ')[0];
                var columns = string.Join(",", Query(connection, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno"));
                lines.Add($"{table} index {index} ({columns})");
            }
        }

        return lines;
    }

    private static List<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
