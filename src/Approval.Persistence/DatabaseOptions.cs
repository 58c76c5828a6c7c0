namespace Approval.Persistence;

/// <summary>Where the service keeps its state. Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default), <c>PostgreSql</c> or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Provider connection string; the SQLite default is a file under <c>data/</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/approval.db";

    /// <summary>How many times a command is retried when another writer changed the same case first.</summary>
    public int ConcurrencyRetries { get; set; } = 10;
}

public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
    public const string SqlServer = "SqlServer";
}
