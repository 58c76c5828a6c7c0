using Approval.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Approval.Persistence.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database of one provider: a temporary SQLite file, a database on the throw-away
/// PostgreSQL cluster, or one on the SQL Server named by <c>APPROVAL_TEST_SQLSERVER</c>. A provider
/// with no server makes the test report itself skipped (<see cref="Assert.Ignore(string)"/>).
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;

    private TestDatabase(string provider, string connectionString, string? folder)
    {
        Options = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };
        _folder = folder;
        var builder = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(builder, Options);
        Factory = new PooledDbContextFactory<ApprovalDbContext>(builder.Options);
    }

    public DatabaseOptions Options { get; }

    public string Provider => Options.Provider;

    public IDbContextFactory<ApprovalDbContext> Factory { get; }

    public static TestDatabase Create(string provider)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var folder = Directory.CreateTempSubdirectory("approval-db").FullName;
                return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "approval.db")}", folder);
            case DatabaseProvider.PostgreSql:
                return new TestDatabase(provider, PostgresServer.CreateDatabase() ?? Skip($"needs a PostgreSQL server. {PostgresServer.Unavailable}"), null);
            case DatabaseProvider.SqlServer:
                return new TestDatabase(provider, SqlServerServer.CreateDatabase() ?? Skip(SqlServerServer.Unavailable!), null);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown provider");
        }
    }

    /// <summary>Brings the database to the current schema the way the service does at start-up.</summary>
    public async Task MigrateAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        await DatabaseSetup.MigrateAsync(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
        else if (Provider == DatabaseProvider.SqlServer)
        {
            // The SQL Server is a shared one given from outside: leave it as it was found.
            await using var db = await Factory.CreateDbContextAsync();
            await db.Database.EnsureDeletedAsync();
        }
    }

    private static string Skip(string reason)
    {
        Assert.Ignore($"Skipped: {reason}");
        return "";
    }
}
