using System.CommandLine;
using Approval.Cli.Commands;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Rows;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Approval.Cli.Tests;

/// <summary><c>approval audit verify</c> on a temporary SQLite database written the way the service writes cases.</summary>
public class AuditCommandTests
{
    private string _folder = null!;

    private string DatabaseFile => Path.Combine(_folder, "approval.db");

    private string Connection => $"Data Source={DatabaseFile}";

    [SetUp]
    public async Task Create()
    {
        _folder = Directory.CreateTempSubdirectory("approval-cli-audit").FullName;
        await using var db = Open();
        await DatabaseSetup.MigrateAsync(db);
    }

    [TearDown]
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private ApprovalDbContext Open()
    {
        var options = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(options, new DatabaseOptions { ConnectionString = Connection });
        return new ApprovalDbContext(options.Options);
    }

    private async Task<Guid> AddCaseAsync(int events)
    {
        var caseId = Guid.NewGuid();
        var taskId = Guid.NewGuid();
        var actor = new Actor("wang@fire-rescue", "王", ["department-clerk"], "fire-rescue");
        var at = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        await using var db = Open();
        var history = Enumerable.Range(1, events).Select(sequence =>
        {
            CaseEvent e = sequence % 2 == 1 ? new TaskClaimed(taskId, actor.UserId) : new TaskReleased(taskId);
            return e with { At = at.AddMinutes(sequence), Actor = actor };
        });
        db.CaseEvents.AddRange(EventRows.Chain(caseId, 0, EventHashChain.Genesis, history));

        db.Cases.Add(new CaseRow { Id = caseId, WorkflowId = "open-restaurant", WorkflowVersion = 1, Status = "Running", Version = events, StartedAt = at.UtcDateTime });
        await db.SaveChangesAsync();
        return caseId;
    }

    private async Task TamperAsync(string sql, Guid caseId)
    {
        await using var db = Open();
        Assert.That(await db.Database.ExecuteSqlRawAsync(sql, caseId.ToString().ToUpperInvariant()), Is.EqualTo(1), "the tampering hit one row");
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(AuditCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public async Task An_untouched_database_verifies_with_exit_0()
    {
        var one = await AddCaseAsync(3);
        await AddCaseAsync(4);

        var (exit, output, error) = await Run("audit", "verify", "--connection", Connection);
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("Verified 2 case(s), 7 event(s): 2 intact, 0 tampered."));

        (exit, output, error) = await Run("audit", "verify", "--case", one.ToString(), "--database", "sqlite", "--connection", Connection);
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.StartWith($"Case {one}: 3 event(s), intact. Last hash: "));
    }

    [Test]
    public async Task A_rewritten_payload_is_exit_1_naming_the_case_and_event()
    {
        await AddCaseAsync(3);
        var tampered = await AddCaseAsync(5);
        await TamperAsync("UPDATE case_events SET Payload = replace(Payload, 'wang', 'li') WHERE CaseId = {0} AND Sequence = 4", tampered);

        var (exit, output, _) = await Run("audit", "verify", "--connection", Connection);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("Verified 2 case(s), 8 event(s): 1 intact, 1 tampered."));
        Assert.That(output, Does.Contain($"TAMPERED case {tampered} at event 4 (hash-mismatch)"));

        (exit, output, _) = await Run("audit", "verify", "--case", tampered.ToString(), "--connection", Connection);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain($"TAMPERED case {tampered} at event 4"));
    }

    [Test]
    public async Task A_deleted_event_is_exit_1_naming_the_gap()
    {
        var tampered = await AddCaseAsync(5);
        await TamperAsync("DELETE FROM case_events WHERE CaseId = {0} AND Sequence = 2", tampered);
        var (exit, output, _) = await Run("audit", "verify", "--connection", Connection);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain($"TAMPERED case {tampered} at event 2 (missing-event): Event 2 is missing"));
    }

    [TestCase("--database", "oracle")]
    [TestCase("--case", "not-a-guid")]
    public async Task Bad_arguments_are_exit_2(string option, string value)
    {
        var (exit, _, error) = await Run("audit", "verify", option, value, "--connection", Connection);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain(option));
    }

    [Test]
    public async Task A_missing_database_file_or_unknown_case_is_exit_2_and_creates_nothing()
    {
        var missing = Path.Combine(_folder, "nowhere.db");
        var (exit, _, error) = await Run("audit", "verify", "--connection", $"Data Source={missing}");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no database file"));
        Assert.That(File.Exists(missing), Is.False);

        (exit, _, error) = await Run("audit", "verify", "--case", Guid.NewGuid().ToString(), "--connection", Connection);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no case"));
    }
}
