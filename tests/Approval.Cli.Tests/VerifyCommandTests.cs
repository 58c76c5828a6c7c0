using System.CommandLine;
using Approval.Cli.Commands;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Idempotency;
using Approval.Persistence.Rows;
using Approval.Persistence.Supervision;
using Approval.Persistence.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Approval.Cli.Tests;

/// <summary>
/// <c>approval verify</c>: a sound database passes every invariant; each way of corrupting it fails
/// exactly the invariant that names it, with exit code 1; bad arguments are exit 2.
/// </summary>
public class VerifyCommandTests
{
    private static readonly DateTime Now = DateTime.UtcNow;
    private static readonly Actor Clerk = new("wang@fire-rescue", "王", ["department-clerk"], "fire-rescue");
    private string _folder = null!;
    private Guid _caseId;
    private Guid _taskId;

    private string Connection => $"Data Source={Path.Combine(_folder, "approval.db")}";

    [SetUp]
    public async Task CreateSoundDatabase()
    {
        _folder = Directory.CreateTempSubdirectory("approval-cli-verify").FullName;
        await using var db = Open();
        await DatabaseSetup.MigrateAsync(db);
        (_caseId, _taskId) = (Guid.NewGuid(), Guid.NewGuid());
        AddCase(db, _caseId, _taskId, new JoinCompleted("joint-review", true, 2, 0), new CardIssued(_taskId, CardLevel.Yellow, 0, Now, 1, Now));
        db.Set<SupervisionCardRow>().Add(Card(_caseId, _taskId));
        db.Set<OutboxMessageRow>().Add(new OutboxMessageRow
        {
            Id = Guid.NewGuid(), EventId = Guid.NewGuid(), Channel = "log", Kind = "yellow", CaseId = _caseId, Payload = "{}",
            Status = OutboxStatus.Delivered, CreatedAt = Now.AddDays(-3), AgeFrom = Now.AddDays(-3), DeliveredAt = Now.AddDays(-3),
        });
        db.Set<IdempotencyKeyRow>().Add(new IdempotencyKeyRow
        {
            UserId = Clerk.UserId, Key = "k1", Method = "POST", Path = "/api/cases", RequestHash = "h", Status = IdempotencyKeyStatus.Completed,
            ResponseStatus = 201, ResponseBody = [], CreatedAt = Now.AddHours(-1), CompletedAt = Now.AddHours(-1),
        });
        await db.SaveChangesAsync();
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

    private static void AddCase(ApprovalDbContext db, Guid caseId, Guid taskId, params CaseEvent[] events)
    {
        var history = events.Prepend(new TaskClaimed(taskId, Clerk.UserId)).Select((e, i) => e with { At = new DateTimeOffset(Now).AddMinutes(i - 60), Actor = Clerk }).ToList();
        db.CaseEvents.AddRange(EventRows.Chain(caseId, 0, EventHashChain.Genesis, history));
        db.Cases.Add(new CaseRow { Id = caseId, WorkflowId = "open-restaurant", WorkflowVersion = 1, Status = "Running", Version = history.Count, StartedAt = Now.AddHours(-1) });
        db.Tasks.Add(new TaskRow { Id = taskId, CaseId = caseId, StepId = "fire-review", Department = "fire-rescue", Status = "Claimed", ClaimedBy = Clerk.UserId, OpenedAt = Now.AddHours(-1), DueAt = Now.AddDays(5) });
    }

    private static SupervisionCardRow Card(Guid caseId, Guid taskId) => new()
    {
        Id = Guid.NewGuid(), CaseId = caseId, TaskId = taskId, WorkflowId = "open-restaurant", StepId = "fire-review", Department = "fire-rescue",
        Level = "yellow", Escalation = 0, DeadlineAt = Now, DueVersion = 1, CardAt = Now, IssuedAt = Now,
    };

    private async Task Corrupt(Action<ApprovalDbContext> change)
    {
        await using var db = Open();
        change(db);
        await db.SaveChangesAsync();
    }

    private async Task CorruptSql(string sql)
    {
        await using var db = Open();
        Assert.That(await db.Database.ExecuteSqlRawAsync(sql, _caseId.ToString().ToUpperInvariant()), Is.EqualTo(1), "the corruption hit one row");
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(VerifyCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(["verify", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static readonly string[] Invariants =
    [
        DatabaseVerifier.OpenTasks, DatabaseVerifier.OneJoin, DatabaseVerifier.HashChains,
        DatabaseVerifier.NoCardTwice, DatabaseVerifier.AlertsDelivered, DatabaseVerifier.NoOrphanedKeys,
    ];

    /// <summary>Runs verify and asserts exactly <paramref name="failing"/> fails (none: exit 0), naming <paramref name="detail"/>.</summary>
    private async Task AssertOnlyFails(string? failing, string? detail = null)
    {
        var (exit, output, error) = await Run("--provider", "sqlite", "--connection", Connection);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(failing is null ? 0 : 1), output + error);
            foreach (var name in Invariants)
            {
                Assert.That(output, Does.Contain($"{(name == failing ? "FAIL" : "PASS")} {name}:"), output);
            }

            if (detail is not null)
            {
                Assert.That(output, Does.Contain(detail), output);
            }
        });
    }

    [Test]
    public async Task A_sound_database_passes_every_invariant_with_counts()
    {
        await AssertOnlyFails(null);
        var (_, output, _) = await Run("--connection", Connection);
        Assert.That(output, Does.Contain($"PASS {DatabaseVerifier.OpenTasks}: 1 checked, 0 violation(s)."));
        Assert.That(output, Does.Contain("All 6 invariants hold."));
    }

    [Test]
    public async Task An_open_task_of_an_ended_case_fails_open_tasks_in_open_cases()
    {
        await CorruptSql("UPDATE cases SET Status = 'Completed', EndedAt = '2026-12-01 00:00:00' WHERE Id = {0}");
        await AssertOnlyFails(DatabaseVerifier.OpenTasks, $"task {_taskId}");
    }

    [Test]
    public async Task A_second_join_of_one_parallel_step_fails_one_join()
    {
        var caseId = Guid.NewGuid();
        await Corrupt(db => AddCase(db, caseId, Guid.NewGuid(), new JoinCompleted("joint-review", true, 2, 0), new JoinCompleted("joint-review", true, 3, 0)));
        await AssertOnlyFails(DatabaseVerifier.OneJoin, $"case {caseId} joined joint-review 2 times");
    }

    [Test]
    public async Task A_rewritten_event_fails_hash_chains()
    {
        await CorruptSql("UPDATE case_events SET Payload = replace(Payload, 'wang', 'li') WHERE CaseId = {0} AND Sequence = 1");
        await AssertOnlyFails(DatabaseVerifier.HashChains, $"case {_caseId}");
    }

    [Test]
    public async Task A_card_issued_twice_fails_no_card_twice()
    {
        await Corrupt(db => db.Set<SupervisionCardRow>().Add(Card(_caseId, _taskId)));
        await AssertOnlyFails(DatabaseVerifier.NoCardTwice, $"2 yellow card rows for case {_caseId}");
    }

    [Test]
    public async Task An_alert_pending_past_its_age_fails_alerts_delivered()
    {
        var eventId = Guid.NewGuid();
        await Corrupt(db => db.Set<OutboxMessageRow>().Add(new OutboxMessageRow
        {
            Id = Guid.NewGuid(), EventId = eventId, Channel = "hook", Kind = "red", CaseId = _caseId, Payload = "{}",
            Status = OutboxStatus.Pending, CreatedAt = Now.AddDays(-2), AgeFrom = Now.AddDays(-2), NextAttemptAt = Now,
        }));
        await AssertOnlyFails(DatabaseVerifier.AlertsDelivered, $"red alert {eventId} to hook");
    }

    [Test]
    public async Task A_reservation_in_flight_past_its_timeout_fails_no_orphaned_reservation()
    {
        await Corrupt(db => db.Set<IdempotencyKeyRow>().Add(new IdempotencyKeyRow
        {
            UserId = Clerk.UserId, Key = "lost", Method = "POST", Path = "/api/cases", RequestHash = "h", Status = IdempotencyKeyStatus.InFlight, CreatedAt = Now.AddMinutes(-30),
        }));
        await AssertOnlyFails(DatabaseVerifier.NoOrphanedKeys, "key 'lost'");

        // Within the service's timeout it is a request still running, not an orphan.
        var (exit, _, _) = await Run("--connection", Connection, "--in-flight-timeout", "01:00:00");
        Assert.That(exit, Is.Zero);
    }

    [TestCase("--provider", "oracle", "--provider 'oracle'")]
    [TestCase("--alert-age", "soon", "--alert-age 'soon'")]
    [TestCase("--in-flight-timeout", "-00:01:00", "--in-flight-timeout")]
    [TestCase("--connection", "Data Source=/nowhere/none.db", "no database file")]
    public async Task A_bad_argument_is_exit_2_naming_it(string option, string value, string message)
    {
        var args = option == "--connection" ? new[] { option, value } : [option, value, "--connection", Connection];
        var (exit, _, error) = await Run(args);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
    }
}
