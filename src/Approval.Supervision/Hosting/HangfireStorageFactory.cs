using Approval.Persistence;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;

namespace Approval.Supervision.Hosting;

/// <summary>
/// The one place that maps the service's database provider onto a Hangfire storage (see
/// docs/deadlines.md, "Storage per provider"): SQLite → in memory (timers rebuilt from our rows at
/// start-up); PostgreSQL → Hangfire.PostgreSql on the same database, schema
/// <see cref="HangfireSettings.SchemaName"/>; SQL Server → Hangfire.SqlServer likewise.
/// </summary>
public static class HangfireStorageFactory
{
    public static JobStorage Create(string provider, string connectionString, HangfireSettings settings)
    {
        JobStorage storage = provider switch
        {
            DatabaseProvider.Sqlite => new InMemoryStorage(InMemoryOptions(settings)),
            DatabaseProvider.PostgreSql => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, PostgreSqlOptions(settings)), PostgreSqlOptions(settings)),
            DatabaseProvider.SqlServer => new SqlServerStorage(connectionString, SqlServerOptions(settings)),
            _ => throw new InvalidOperationException($"Database:Provider '{provider}' has no Hangfire storage; use '{DatabaseProvider.Sqlite}', '{DatabaseProvider.PostgreSql}' or '{DatabaseProvider.SqlServer}'."),
        };
        storage.JobExpirationTimeout = settings.JobRetention;
        return storage;
    }

    public static InMemoryStorageOptions InMemoryOptions(HangfireSettings settings) => new()
    {
        // Caps every expiration, finished jobs included; our own tables keep the audit trail.
        MaxExpirationTime = settings.JobRetention,
    };

    public static PostgreSqlStorageOptions PostgreSqlOptions(HangfireSettings settings) => new()
    {
        SchemaName = settings.SchemaName,
        PrepareSchemaIfNecessary = true,
        // Workers wake on NOTIFY; the slow poll is the fallback for a notification lost with its connection.
        EnableLongPolling = settings.LongPolling,
        QueuePollInterval = settings.LongPolling ? settings.LongPollingFallbackInterval : settings.QueuePollInterval,
        // A job fetched by a node that died runs again after a few minutes, not after 30.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),
        DistributedLockTimeout = settings.DistributedLockTimeout,
    };

    public static SqlServerStorageOptions SqlServerOptions(HangfireSettings settings) => new()
    {
        SchemaName = settings.SchemaName,
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = settings.QueuePollInterval,
        SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
        CommandBatchMaxTimeout = TimeSpan.FromMinutes(5),
        DisableGlobalLocks = true,
    };
}
