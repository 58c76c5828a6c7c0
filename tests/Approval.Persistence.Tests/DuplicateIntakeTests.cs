using Approval.Engine.Cases;
using Approval.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests;

/// <summary>
/// An intake does not read its case first (<see cref="Cases.CaseStore"/>): a second intake of an id
/// that exists must still be refused by the stored truth and change nothing, on every provider.
/// </summary>
public class DuplicateIntakeTests
{
    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.PostgreSql)]
    [TestCase(DatabaseProvider.SqlServer)]
    public async Task A_second_intake_of_an_existing_case_is_refused_and_writes_nothing(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await database.MigrateAsync();
        var command = TestFlow.Start();
        int written;
        await using (var first = TestFlow.Store(database.Factory, database.Options))
        {
            var started = await first.StartAsync(TestFlow.Workflow, command, TestFlow.Window);
            Assert.That(started.Refusal, Is.Null);
            written = started.State!.Version;
        }

        // A fresh store (another node, or after a restart): nothing of the case is cached.
        await using var store = TestFlow.Store(database.Factory, database.Options);
        var again = await store.StartAsync(TestFlow.Workflow, command, TestFlow.Window);

        await using var db = await database.Factory.CreateDbContextAsync();
        var events = await db.CaseEvents.AsNoTracking().CountAsync(e => e.CaseId == command.CaseId);
        Assert.Multiple(() =>
        {
            Assert.That(again.Refusal?.Code, Is.EqualTo(RefusalCodes.CaseExists));
            Assert.That(events, Is.EqualTo(written), "the first intake's events only");
        });
    }
}
