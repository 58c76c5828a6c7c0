using System.CommandLine;
using Approval.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval db script --provider sqlite|postgresql|sqlserver [--from MIGRATION]</c>: prints the SQL
/// that brings a database to the current schema, for a DBA to review and run instead of letting the
/// service migrate at start-up. Connects to nothing: the script comes from the migrations alone.
/// </summary>
/// <remarks>
/// PostgreSQL and SQL Server get EF's idempotent script (each migration guarded by the history
/// table, so it is safe on a database at any earlier migration). EF cannot make SQLite scripts
/// idempotent; there the script starts after <c>--from</c> (default: an empty database).
/// Exit codes: 0 printed, 2 bad arguments.
/// </remarks>
internal static class DbCommand
{
    private const int UsageError = 2;

    public static Command Create()
    {
        var command = new Command("db", "The service's database: the schema scripts a DBA applies.");
        command.Subcommands.Add(CreateScript());
        return command;
    }

    private static Command CreateScript()
    {
        var provider = new Option<string>("--provider") { Description = "sqlite, postgresql or sqlserver.", Required = true, HelpName = "PROVIDER" };
        var from = new Option<string?>("--from") { Description = "The migration the database is at (id or name); the script starts after it.", HelpName = "MIGRATION" };
        var command = new Command("script", "Print the SQL that migrates a database to the current schema (idempotent on PostgreSQL and SQL Server).");
        command.Options.Add(provider);
        command.Options.Add(from);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (Provider(parse.GetValue(provider)!) is not { } name)
            {
                error.WriteLine($"error: --provider '{parse.GetValue(provider)}' is not one of sqlite, postgresql, sqlserver.");
                return UsageError;
            }

            using var migrations = DatabaseSetup.CreateMigrationsContext(new DatabaseOptions { Provider = name, ConnectionString = OfflineConnection(name) });
            var known = migrations.GetService<IMigrationsAssembly>().Migrations.Keys.ToList();
            var start = parse.GetValue(from);
            if (start is not null && !known.Any(id => id == start || id.EndsWith("_" + start, StringComparison.Ordinal)))
            {
                error.WriteLine($"error: --from '{start}' is not a migration of {name}; known: {string.Join(", ", known)}.");
                return UsageError;
            }

            var options = name == DatabaseProvider.Sqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
            output.Write(migrations.GetService<IMigrator>().GenerateScript(fromMigration: start, options: options));
            return 0;
        });
        return command;
    }

    private static string? Provider(string value) => value.ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" => DatabaseProvider.PostgreSql,
        "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
        _ => null,
    };

    /// <summary>A well-formed connection string that is never opened: generating a script reads only the migrations.</summary>
    private static string OfflineConnection(string provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=approval.db",
        DatabaseProvider.PostgreSql => "Host=localhost;Database=approval",
        _ => "Server=localhost;Database=approval;TrustServerCertificate=true",
    };
}
