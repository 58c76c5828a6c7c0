using System.Data.Common;
using Approval.Persistence.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence;

/// <summary>
/// How to configure EF Core for each provider and how to bring a database to the current schema.
/// Provider-specific code also lives in <c>Cases/SqliteCommitQueue</c> and <c>Cases/SqliteCaseStatements</c>
/// (the SQLite write path), <c>Cases/PostgresCommitQueue</c> and <c>Cases/PostgresCaseStatements</c> (the
/// PostgreSQL one) and in <c>Cases/CaseCommitQueues</c>, which chooses between them; the migrations
/// of each provider are in <c>Migrations/&lt;Provider&gt;</c>.
/// </summary>
public static class DatabaseSetup
{
    /// <summary>Points EF at the configured provider; an unknown provider is refused naming <c>Database:Provider</c>.</summary>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new DatabaseSetupException($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)} is empty; give the {options.Provider} connection string.");
        }

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(options.ConnectionString));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(options.ConnectionString);
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(options.ConnectionString);
                break;
            default:
                throw new DatabaseSetupException(
                    $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} '{options.Provider}' is not supported; use '{DatabaseProvider.Sqlite}', '{DatabaseProvider.PostgreSql}' or '{DatabaseProvider.SqlServer}'.");
        }
    }

    /// <summary>
    /// A context that owns the migrations of <paramref name="options"/>' provider (same model as
    /// <see cref="ApprovalDbContext"/>): what <see cref="MigrateAsync"/>, <c>approval db script</c>
    /// and the pending-changes tests use. Opens no connection by itself.
    /// </summary>
    public static ApprovalDbContext CreateMigrationsContext(DatabaseOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteMigrationsContext(Build<SqliteMigrationsContext>(options)),
        DatabaseProvider.PostgreSql => new PostgreSqlMigrationsContext(Build<PostgreSqlMigrationsContext>(options)),
        DatabaseProvider.SqlServer => new SqlServerMigrationsContext(Build<SqlServerMigrationsContext>(options)),
        _ => throw new DatabaseSetupException(
            $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} '{options.Provider}' is not supported; use '{DatabaseProvider.Sqlite}', '{DatabaseProvider.PostgreSql}' or '{DatabaseProvider.SqlServer}'."),
    };

    /// <summary>
    /// Options for a context on an open SQLite connection the caller owns (the case writer's), so EF
    /// can save extra rows inside that connection's transaction.
    /// </summary>
    internal static DbContextOptions<ApprovalDbContext> SqliteOptionsOn(SqliteConnection connection) =>
        new DbContextOptionsBuilder<ApprovalDbContext>().UseSqlite(connection).Options;

    /// <summary>
    /// Creates the database if needed and applies every migration it lacks; a database built by the
    /// hand-written migrations of earlier releases is first recorded as at the initial migration
    /// (<see cref="LegacyBaseline"/>).
    /// </summary>
    /// <exception cref="DatabaseSetupException">
    /// The database cannot be reached or changed; the message names <c>Database:Provider</c> and
    /// <c>Database:ConnectionString</c> and the provider's error is the inner exception.
    /// </exception>
    public static async Task MigrateAsync(ApprovalDbContext db, CancellationToken cancellationToken = default)
    {
        var options = new DatabaseOptions { Provider = ProviderOf(db), ConnectionString = db.Database.GetConnectionString() ?? "" };
        try
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                CreateSqliteFolder(options.ConnectionString);
            }

            await using var migrations = CreateMigrationsContext(options);
            await LegacyBaseline.RecordAsync(migrations, cancellationToken);
            await migrations.Database.MigrateAsync(cancellationToken);

            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers (inboxes, the dashboard) run beside the single writer; it is a
                // property of the file, so setting it once is enough. synchronous stays FULL: durable.
                await migrations.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is DbException or ArgumentException or IOException or UnauthorizedAccessException or TimeoutException
            || (ex is InvalidOperationException and not DatabaseSetupException && ex.InnerException is DbException))
        {
            var cause = string.Join(' ', ex.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            throw new DatabaseSetupException(
                $"Could not bring the database up to date (Database:Provider = {options.Provider}); check Database:ConnectionString and that the server is reachable and the login may change the schema: {cause}", ex);
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
        // 2627: PRIMARY KEY / UNIQUE constraint; 2601: unique index. 1205: chosen as deadlock victim,
        // the whole transaction is rolled back, so deciding again on fresh state is just as safe.
        { InnerException: Microsoft.Data.SqlClient.SqlException { Number: 2627 or 2601 or 1205 } } => true,
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

    private static string ProviderOf(ApprovalDbContext db) =>
        db.Database.IsSqlite() ? DatabaseProvider.Sqlite
        : db.Database.IsNpgsql() ? DatabaseProvider.PostgreSql
        : db.Database.IsSqlServer() ? DatabaseProvider.SqlServer
        : throw new DatabaseSetupException($"The context uses provider {db.Database.ProviderName}, which the service does not support.");

    private static void CreateSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static DbContextOptions<T> Build<T>(DatabaseOptions options)
        where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        Configure(builder, options);
        return builder.Options;
    }
}
