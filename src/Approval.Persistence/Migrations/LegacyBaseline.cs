using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Approval.Persistence.Migrations;

/// <summary>
/// Upgrade in place from the releases whose migrations were written by hand (before EF Core Design
/// was served here). Those built, on SQLite and PostgreSQL, exactly the schema of the generated
/// initial migration (the persistence tests prove it); so when the history table lists them, the
/// initial migration is recorded as applied and EF applies only what came after it.
/// </summary>
internal static class LegacyBaseline
{
    /// <summary>The history rows the hand-written migrations left, in order.</summary>
    public static IReadOnlyList<string> HandWrittenMigrations { get; } =
        ["20261123000001_InitialSchema", "20261123000002_Supervision", "20261123000003_Idempotency", "20261124000010_CaseVisits"];

    public static async Task RecordAsync(ApprovalDbContext migrations, CancellationToken cancellationToken)
    {
        var history = migrations.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
        {
            return;
        }

        var applied = await AppliedAsync(history, cancellationToken);
        var legacy = HandWrittenMigrations.Where(applied.Contains).ToList();
        var initial = migrations.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).First();
        if (legacy.Count == 0 || applied.Contains(initial))
        {
            return;
        }

        if (legacy.Count != HandWrittenMigrations.Count)
        {
            throw new DatabaseSetupException(
                $"The database has only the hand-written migrations {string.Join(", ", legacy)}; it lacks {string.Join(", ", HandWrittenMigrations.Except(legacy))}. Start the 2026-11 release on it once (it applies them), then this one.");
        }

        try
        {
            await migrations.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(initial, ProductInfo.GetVersion())), cancellationToken);
        }
        catch (DbException)
        {
            // Another node starting at the same moment may have recorded it first; otherwise this is a real failure.
            if (!(await AppliedAsync(history, cancellationToken)).Contains(initial))
            {
                throw;
            }
        }
    }

    /// <summary>
    /// The same step as SQL for a DBA's script: creates the history table if missing, then records the
    /// initial migration only where the last hand-written one is recorded and the initial one is not.
    /// </summary>
    public static string Script(ApprovalDbContext migrations)
    {
        var history = migrations.GetService<IHistoryRepository>();
        var sql = migrations.GetService<ISqlGenerationHelper>();
        var text = migrations.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(string))!;
        var initial = text.GenerateSqlLiteral(migrations.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).First());
        var table = sql.DelimitIdentifier(HistoryRepository.DefaultTableName);
        var id = sql.DelimitIdentifier("MigrationId");
        return history.GetCreateIfNotExistsScript()
            + "-- Databases of the hand-written migrations (releases up to 2026-11) have this schema already: record it.\n"
            + $"INSERT INTO {table} ({id}, {sql.DelimitIdentifier("ProductVersion")})\n"
            + $"SELECT {initial}, {text.GenerateSqlLiteral(ProductInfo.GetVersion())}\n"
            + $"WHERE EXISTS (SELECT 1 FROM {table} WHERE {id} = {text.GenerateSqlLiteral(HandWrittenMigrations[^1])})\n"
            + $"  AND NOT EXISTS (SELECT 1 FROM {table} WHERE {id} = {initial}){sql.StatementTerminator}\n\n";
    }

    private static async Task<HashSet<string>> AppliedAsync(IHistoryRepository history, CancellationToken cancellationToken) =>
        [.. (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId)];
}
