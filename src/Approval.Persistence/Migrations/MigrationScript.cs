using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Approval.Persistence.Migrations;

/// <summary>
/// The SQL a DBA reviews and runs instead of letting the service migrate at start-up
/// (<c>approval db script</c>). Made from the migrations alone: no connection is opened.
/// </summary>
public static class MigrationScript
{
    /// <summary>The migrations of <paramref name="provider"/>, oldest first.</summary>
    public static IReadOnlyList<string> Migrations(string provider)
    {
        using var migrations = DatabaseSetup.CreateMigrationsContext(Offline(provider));
        return [.. migrations.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// PostgreSQL and SQL Server: EF's idempotent script (each migration guarded by the history table,
    /// so it is safe on a database at any earlier migration); on PostgreSQL it first records the
    /// baseline on a database of the hand-written migrations (<see cref="LegacyBaseline"/>), as the
    /// service does at start-up. SQLite: EF cannot make its scripts idempotent, so the script starts
    /// after <paramref name="fromMigration"/> (default: an empty database).
    /// </summary>
    /// <param name="fromMigration">The migration the database is at, by id or by name; null for all.</param>
    /// <exception cref="ArgumentException"><paramref name="fromMigration"/> is not one of the provider's migrations.</exception>
    public static string Generate(string provider, string? fromMigration = null)
    {
        using var migrations = DatabaseSetup.CreateMigrationsContext(Offline(provider));
        var known = migrations.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        if (fromMigration is not null && !known.Any(id => id == fromMigration || id.EndsWith("_" + fromMigration, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{fromMigration}' is not a migration of {provider}; known: {string.Join(", ", known)}.", nameof(fromMigration));
        }

        var migrator = migrations.GetService<IMigrator>();
        if (provider == DatabaseProvider.Sqlite)
        {
            return migrator.GenerateScript(fromMigration: fromMigration);
        }

        var script = migrator.GenerateScript(fromMigration: fromMigration, options: MigrationsSqlGenerationOptions.Idempotent);
        return provider == DatabaseProvider.PostgreSql && fromMigration is null ? LegacyBaseline.Script(migrations) + script : script;
    }

    /// <summary>A well-formed connection string that is never opened.</summary>
    private static DatabaseOptions Offline(string provider) => new()
    {
        Provider = provider,
        ConnectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=approval.db",
            DatabaseProvider.PostgreSql => "Host=localhost;Database=approval",
            _ => "Server=localhost;Database=approval;TrustServerCertificate=true",
        },
    };
}
