using Approval.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Approval.Persistence.Tests;

/// <summary>The hand-written migrations build the model's schema on PostgreSQL too (the real server this machine can run).</summary>
public class PostgresSchemaTests
{
    private static ApprovalDbContext Open(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString });
        return new ApprovalDbContext(builder.Options);
    }

    [Test]
    public async Task Migrating_an_empty_PostgreSQL_database_gives_the_schema_of_the_model()
    {
        var migratedDb = PostgresServer.CreateDatabase();
        var createdDb = PostgresServer.CreateDatabase();
        if (migratedDb is null || createdDb is null)
        {
            Assert.Ignore($"Skipped: needs a PostgreSQL server. {PostgresServer.Unavailable}");
            return;
        }

        await using (var migrated = Open(migratedDb))
        {
            await DatabaseSetup.MigrateAsync(migrated);
        }

        await using (var created = Open(createdDb))
        {
            await created.Database.EnsureCreatedAsync();
        }

        var fromMigrations = await DescribeAsync(migratedDb);
        var fromModel = await DescribeAsync(createdDb);
        Assert.That(fromMigrations, Is.EqualTo(fromModel));
        Assert.That(fromModel, Has.Some.StartsWith("tasks.NextAlertAt timestamp with time zone"));
    }

    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        await using (var columns = new NpgsqlCommand(
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' null=' || is_nullable || ' identity=' || is_identity
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
            ORDER BY table_name, column_name
            """, connection))
        await using (var reader = await columns.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        await using (var indexes = new NpgsqlCommand(
            "SELECT tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_EF%' ORDER BY tablename, indexname",
            connection))
        await using (var reader = await indexes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return lines;
    }
}
