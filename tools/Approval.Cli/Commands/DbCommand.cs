using System.CommandLine;
using Approval.Persistence;
using Approval.Persistence.Migrations;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval db script --provider sqlite|postgresql|sqlserver [--from MIGRATION]</c>: prints the SQL
/// that brings a database to the current schema, for a DBA to review and run instead of letting the
/// service migrate at start-up (<see cref="MigrationScript"/>). Connects to nothing.
/// </summary>
/// <remarks>Exit codes: 0 printed, 2 bad arguments.</remarks>
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

            try
            {
                output.Write(MigrationScript.Generate(name, parse.GetValue(from)));
                return 0;
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"error: --from {e.Message.Split(" (Parameter", 2)[0]}");
                return UsageError;
            }
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
}
