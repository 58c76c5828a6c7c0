using Approval.Engine.Cases.Commands;
using Approval.Persistence.Rows;
using Approval.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests;

/// <summary>
/// The store on the server providers' EF path, against a real server: PostgreSQL (the throw-away
/// cluster) and SQL Server (only where APPROVAL_TEST_SQLSERVER names one; skipped otherwise).
/// </summary>
public class ServerStoreTests
{
    [TestCase(DatabaseProvider.PostgreSql)]
    [TestCase(DatabaseProvider.SqlServer)]
    public async Task A_case_is_started_claimed_approved_and_read_back(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await database.MigrateAsync();
        await using var store = TestFlow.Store(database.Factory, database.Options);
        var started = await store.StartAsync(TestFlow.Workflow, TestFlow.Start(), TestFlow.Window);
        var caseId = started.State!.CaseId;
        var taskId = started.State.Tasks.Single().TaskId;
        var claimed = await store.ExecuteAsync(caseId, new ClaimTask(taskId), TestFlow.Clerk);
        var approved = await store.ExecuteAsync(caseId, new ApproveTask(taskId, null, null), TestFlow.Clerk);

        await using var db = await database.Factory.CreateDbContextAsync();
        var row = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
        var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
        Assert.Multiple(() =>
        {
            Assert.That(claimed.Refusal, Is.Null);
            Assert.That(approved.Refusal, Is.Null);
            Assert.That(row.Version, Is.EqualTo(approved.State!.Version));
            Assert.That(row.StartedAt.Kind, Is.EqualTo(DateTimeKind.Utc), "instants come back as UTC");
            Assert.That(task.ClosedAt, Is.Not.Null);
        });
    }

    [TestCase(DatabaseProvider.PostgreSql)]
    [TestCase(DatabaseProvider.SqlServer)]
    public async Task A_second_event_with_the_same_number_is_a_write_conflict(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await database.MigrateAsync();
        var caseId = Guid.NewGuid();
        CaseEventRow Event() => new() { CaseId = caseId, Sequence = 1, Type = "t", At = DateTime.UtcNow, ActorId = "a", ActorRoles = "r", Payload = "{}", Hash = new string('0', 64) };
        await using (var first = await database.Factory.CreateDbContextAsync())
        {
            first.CaseEvents.Add(Event());
            await first.SaveChangesAsync();
        }

        await using var second = await database.Factory.CreateDbContextAsync();
        second.CaseEvents.Add(Event());
        var failure = Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
        Assert.That(DatabaseSetup.IsWriteConflict(failure!), Is.True, failure!.InnerException?.Message);
    }
}
