using Approval.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Approval.Cli.Commands;

/// <summary>
/// Opens a database the service already wrote, for commands that read it (audit, verify): never
/// creates one, since an empty new file would report every check as passing.
/// </summary>
internal static class ExistingDatabase
{
    /// <summary>
    /// A context factory for provider <paramref name="name"/> (given as option <paramref name="option"/>),
    /// or null after writing why not to <paramref name="error"/>.
    /// </summary>
    public static PooledDbContextFactory<ApprovalDbContext>? Open(string option, string name, string connection, TextWriter error)
    {
        var provider = ProviderOf(name);
        if (provider is null)
        {
            error.WriteLine($"error: {option} '{name}' is not supported; use sqlite, postgresql or sqlserver.");
            return null;
        }

        var builder = new DbContextOptionsBuilder<ApprovalDbContext>();
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                var file = new SqliteConnectionStringBuilder(connection).DataSource;
                if (file != ":memory:" && !File.Exists(file))
                {
                    error.WriteLine($"error: no database file at '{Path.GetFullPath(file)}'; pass --connection \"Data Source=PATH\".");
                    return null;
                }
            }

            DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = provider, ConnectionString = connection });
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: --connection is not a valid connection string: {e.Message}");
            return null;
        }

        return new PooledDbContextFactory<ApprovalDbContext>(builder.Options);
    }

    /// <summary>The provider a <c>--provider</c> value names, or null when it names none.</summary>
    public static string? ProviderOf(string name) => name.ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" => DatabaseProvider.PostgreSql,
        "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
        _ => null,
    };
}
