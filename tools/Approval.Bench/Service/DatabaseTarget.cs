using Approval.Persistence;

namespace Approval.Bench.Service;

/// <summary>Which database the service under test uses: a provider name and its connection string.</summary>
public sealed record DatabaseTarget(string Provider, string ConnectionString)
{
    /// <summary>A durable SQLite file (WAL, synchronous FULL — the service's defaults).</summary>
    public static DatabaseTarget SqliteFile(string path) => new(DatabaseProvider.Sqlite, $"Data Source={path}");
}
