using System.CommandLine;
using Approval.Cli.Commands;

namespace Approval.Cli.Tests;

/// <summary><c>approval db script</c>: the SQL a DBA reviews, made from the migrations alone (no server is contacted).</summary>
public class DbCommandTests
{
    private static readonly string[] Tables = ["cases", "case_events", "tasks", "workflow_versions", "supervision_cards", "outbox_messages", "idempotency_keys"];

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DbCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [TestCase("sqlserver", "CREATE TABLE [{0}]", "IF NOT EXISTS (")]
    [TestCase("postgresql", "CREATE TABLE {0} (", "IF NOT EXISTS(SELECT 1 FROM \"__EFMigrationsHistory\"")]
    [TestCase("sqlite", "CREATE TABLE \"{0}\"", "INSERT INTO \"__EFMigrationsHistory\"")]
    public async Task The_script_creates_every_table(string provider, string createTable, string guard)
    {
        var (exit, output, error) = await Run("db", "script", "--provider", provider);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), error);
            foreach (var table in Tables)
            {
                Assert.That(output, Does.Contain(string.Format(createTable, table)), table);
            }

            Assert.That(output, Does.Contain(guard));
        });
    }

    [Test]
    public async Task From_the_last_migration_there_is_nothing_to_create()
    {
        var all = (await Run("db", "script", "--provider", "sqlserver")).Out;
        var last = System.Text.RegularExpressions.Regex.Matches(all, @"N'(\d{14}_\w+)'").Select(m => m.Groups[1].Value).Max(StringComparer.Ordinal)!;
        var (exit, output, _) = await Run("db", "script", "--provider", "sqlserver", "--from", last);
        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output, Does.Not.Contain("CREATE TABLE [cases]"));
    }

    [Test]
    public async Task An_unknown_provider_or_migration_is_exit_2_naming_the_option()
    {
        var (badProvider, _, providerError) = await Run("db", "script", "--provider", "oracle");
        var (badFrom, _, fromError) = await Run("db", "script", "--provider", "sqlserver", "--from", "NoSuchMigration");
        Assert.Multiple(() =>
        {
            Assert.That(badProvider, Is.EqualTo(2));
            Assert.That(providerError, Does.Contain("--provider 'oracle'"));
            Assert.That(badFrom, Is.EqualTo(2));
            Assert.That(fromError, Does.Contain("--from 'NoSuchMigration'"));
        });
    }
}
