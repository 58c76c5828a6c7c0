using Approval.Engine.Cases.Commands;
using Approval.Persistence.Migrations;
using Approval.Persistence.Tests.Infrastructure;
using Approval.Persistence.Tests.Legacy;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests.Migrations;

/// <summary>The path where a DBA runs <c>approval db script</c> instead of the service migrating, on the real PostgreSQL server.</summary>
public class DbaScriptTests
{
    [Test]
    public async Task The_script_on_an_empty_database_builds_the_migrated_schema_and_leaves_nothing_to_apply()
    {
        await using var scripted = TestDatabase.Create(DatabaseProvider.PostgreSql);
        await using var migrated = TestDatabase.Create(DatabaseProvider.PostgreSql);
        await RunScriptAsync(scripted);
        await RunScriptAsync(scripted); // idempotent: a second run changes nothing
        await migrated.MigrateAsync();

        Assert.That(await SchemaDescription.DescribeAsync(scripted), Is.EqualTo(await SchemaDescription.DescribeAsync(migrated)));
        Assert.That(await PendingAsync(scripted), Is.Empty);
    }

    [Test]
    public async Task The_script_upgrades_a_database_of_the_hand_written_migrations_and_keeps_its_cases()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.PostgreSql);
        await LegacySchemaContext.BuildAsync(database.Options);
        var caseId = await LegacyCase.WriteAsync(database);

        await RunScriptAsync(database);
        Assert.That(await PendingAsync(database), Is.Empty, "the service finds nothing left to apply");

        await database.MigrateAsync(); // and starting it changes nothing
        await using var after = TestFlow.Store(database.Factory, database.Options);
        var loaded = await after.LoadAsync(caseId);
        var claimed = await after.ExecuteAsync(caseId, new ClaimTask(loaded!.State.Tasks.Single().TaskId), TestFlow.Clerk);
        Assert.That(claimed.Refusal, Is.Null);
    }

    private static async Task RunScriptAsync(TestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(MigrationScript.Generate(DatabaseProvider.PostgreSql));
    }

    private static async Task<IEnumerable<string>> PendingAsync(TestDatabase database)
    {
        await using var migrations = DatabaseSetup.CreateMigrationsContext(database.Options);
        return await migrations.Database.GetPendingMigrationsAsync();
    }
}
