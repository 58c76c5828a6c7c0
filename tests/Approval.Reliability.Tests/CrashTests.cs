using Approval.Bench.Service;
using Approval.Persistence;
using Approval.Testing;

namespace Approval.Reliability.Tests;

/// <summary>
/// Issue 12's crash tests: kill -9 of a real service process under keyed load (intake, claims and
/// approvals from several clients), on SQLite (restart on the same file) and on PostgreSQL (two
/// nodes on one database, one killed, the other takes the retries); meanwhile overdue cases fall due
/// before, at and after the kill, and their alerts go to a loopback receiver that checks signatures.
/// See docs/reliability.md.
/// </summary>
[NonParallelizable]
public class CrashTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("approval-crash").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Passed)
        {
            Directory.Delete(_folder, recursive: true);
        }
        else
        {
            TestContext.Out.WriteLine($"Service logs and database kept in {_folder}");
        }
    }

    [Test, CancelAfter(180_000)]
    public async Task Kill_9_on_SQLite_then_restart_loses_nothing_and_doubles_nothing()
    {
        var figures = await new CrashScenario(DatabaseTarget.SqliteFile(Path.Combine(_folder, "approval.db")), nodes: 1).RunAsync(_folder);
        AssertFigures(figures);
    }

    [Test, CancelAfter(180_000)]
    public async Task Kill_9_of_one_of_two_nodes_on_PostgreSQL_loses_nothing_and_doubles_nothing()
    {
        var connection = PostgresServer.CreateDatabase() ?? throw new IgnoreException($"Skipped: needs PostgreSQL binaries. {PostgresServer.Unavailable}");
        var figures = await new CrashScenario(new DatabaseTarget(DatabaseProvider.PostgreSql, connection), nodes: 2).RunAsync(_folder);
        AssertFigures(figures);
    }

    private static void AssertFigures(CrashScenario.Figures figures)
    {
        TestContext.Out.WriteLine(
            $"requests {figures.Requests}, acknowledged {figures.Acknowledged}, cut off by the kill and retried {figures.Unanswered}, replayed {figures.Replayed}, cases {figures.Cases}, approvals {figures.Approvals}");
        var a = figures.Alerts;
        TestContext.Out.WriteLine(
            $"cards due {a.CardsDue}, recorded {a.CardsRecorded}; alerts held at the kill {a.HeldAtKill}; receiver: {a.Requests} requests, {a.EventIds} event ids, {a.Duplicates} duplicates, {a.BadSignatures} bad signatures; last alert {a.DeliveredAfterRestart.TotalSeconds:F1} s after the restart");
        foreach (var r in figures.Invariants)
        {
            TestContext.Out.WriteLine($"{(r.Passed ? "PASS" : "FAIL")} {r.Name}: {r.Checked} checked, {r.Violations} violation(s) {string.Join("; ", r.Examples)}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(figures.Cases, Is.GreaterThan(0), "the load took in cases before the kill");
            Assert.That(figures.Alerts.CardsDue, Is.GreaterThan(0), "deadlines fell due around the kill");
            Assert.That(figures.Alerts.EventIds, Is.GreaterThanOrEqualTo(figures.Alerts.CardsRecorded), "each card's alert arrived");
            Assert.That(figures.Invariants.Where(r => !r.Passed).Select(r => $"{r.Name}: {string.Join("; ", r.Examples)}"), Is.Empty, "approval verify after the crash");
        });
    }
}
