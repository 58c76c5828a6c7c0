using Approval.Persistence.Telemetry;

namespace Approval.Persistence.Cases;

/// <summary>The group-commit writer of the configured provider, or none (SQL Server saves through EF, one context per command).</summary>
internal static class CaseCommitQueues
{
    public static ICaseCommitQueue? Create(DatabaseOptions settings, IReadOnlyList<ICaseEventSink> sinks, ApprovalMetrics? metrics) => settings.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteCommitQueue(DatabaseSetup.SqliteConnectionString(settings.ConnectionString), sinks, metrics),
        DatabaseProvider.PostgreSql => new PostgresCommitQueue(settings.ConnectionString, sinks, metrics),
        _ => null,
    };
}
