using System.Data.Common;

namespace Approval.Testing;

/// <summary>
/// A SQL Server for the tests that need one, given by the environment: <c>APPROVAL_TEST_SQLSERVER</c>
/// holds a connection string to a server where the login may create databases. Each call names a
/// fresh database on it (EF's migrations create it); nothing is started here, since no SQL Server
/// can run on the development machine.
/// </summary>
/// <remarks>When the variable is unset, <see cref="Unavailable"/> says so and the tests report themselves as skipped, never as passed.</remarks>
public static class SqlServerServer
{
    public const string Variable = "APPROVAL_TEST_SQLSERVER";

    private static int _databases;

    /// <summary>Why no server is available, or null when <see cref="Variable"/> names one.</summary>
    public static string? Unavailable =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)) ? $"no SQL Server: set {Variable}" : null;

    /// <summary>A connection string to a database of its own (not yet created); null when no server is given.</summary>
    public static string? CreateDatabase()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            return null;
        }

        // The generic builder keeps every other keyword of the given string as it is.
        var builder = new DbConnectionStringBuilder { ConnectionString = server };
        foreach (var keyword in new[] { "Initial Catalog", "Database" })
        {
            builder.Remove(keyword);
        }

        builder["Initial Catalog"] = $"approval_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        return builder.ConnectionString;
    }
}
