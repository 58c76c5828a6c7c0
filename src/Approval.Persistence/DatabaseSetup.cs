using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Approval.Persistence;

/// <summary>
/// The one place that knows the database providers: how to configure EF Core for each and how
/// to bring a database to the current schema. A SQL Server provider is added here and nowhere else.
/// </summary>
public static class DatabaseSetup
{
    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(options.ConnectionString));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(options.ConnectionString);
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider '{options.Provider}' is not supported; use '{DatabaseProvider.Sqlite}' or '{DatabaseProvider.PostgreSql}'.");
        }

        // Migrations are written by hand without a model snapshot (no EF design tools here), so EF
        // cannot diff them against the model; MigratedSchemaTests checks the two agree instead.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Options for a context on an open SQLite connection the caller owns (the case writer's), so EF
    /// can save extra rows inside that connection's transaction.
    /// </summary>
    internal static DbContextOptions<ApprovalDbContext> SqliteOptionsOn(SqliteConnection connection)
    {
        var builder = new DbContextOptionsBuilder<ApprovalDbContext>();
        builder.UseSqlite(connection);
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return builder.Options;
    }

    /// <summary>Creates the database if needed and applies every migration it lacks.</summary>
    public static async Task MigrateAsync(ApprovalDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // WAL lets readers (inboxes, the dashboard) run beside the single writer; it is a
            // property of the file, so setting it once is enough. synchronous stays FULL: durable.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// True when a save failed because another writer got there first (a stale case version or a
    /// duplicate key), so the command should be decided again on fresh state.
    /// </summary>
    public static bool IsWriteConflict(DbUpdateException exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        { InnerException: SqliteException { SqliteErrorCode: 19 } } => true, // SQLITE_CONSTRAINT
        { InnerException: Npgsql.PostgresException { SqlState: "23505" } } => true, // unique_violation
        _ => false,
    };

    internal static string SqliteConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout == 30)
        {
            // Writers queue on SQLite's lock; wait for it rather than failing under load.
            builder.DefaultTimeout = 60;
        }

        return builder.ToString();
    }
}
