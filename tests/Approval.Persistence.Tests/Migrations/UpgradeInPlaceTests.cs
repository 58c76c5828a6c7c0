using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence.Tests.Infrastructure;
using Approval.Persistence.Tests.Legacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Approval.Persistence.Tests.Migrations;

/// <summary>
/// A database left by the hand-written migrations of earlier releases (SQLite file and PostgreSQL)
/// upgrades in place to the EF-generated migrations and keeps its cases.
/// </summary>
public class UpgradeInPlaceTests
{
    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.PostgreSql)]
    public async Task The_hand_written_migrations_built_exactly_the_schema_of_the_generated_initial_migration(string provider)
    {
        await using var legacy = TestDatabase.Create(provider);
        await using var generated = TestDatabase.Create(provider);
        await LegacySchemaContext.BuildAsync(legacy.Options);
        await using (var migrations = DatabaseSetup.CreateMigrationsContext(generated.Options))
        {
            // Only up to the initial one: that is the migration the baseline records as applied.
            await migrations.GetService<IMigrator>().MigrateAsync(InitialMigration(migrations));
        }

        var fromLegacy = await SchemaDescription.DescribeAsync(legacy);
        var fromInitial = await SchemaDescription.DescribeAsync(generated);
        Assert.That(fromLegacy, Is.EqualTo(fromInitial));
        Assert.That(fromInitial, Has.Some.StartsWith("tasks.NextAlertAt"), "the description really lists columns");
        Assert.That(fromInitial, Has.Some.Contains("IX_case_events_CaseId_Sequence"), "the description really lists indexes");
    }

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.PostgreSql)]
    public async Task A_database_of_the_hand_written_migrations_upgrades_in_place_and_keeps_its_cases(string provider)
    {
        await using var database = TestDatabase.Create(provider);
        await LegacySchemaContext.BuildAsync(database.Options);
        var caseId = await LegacyCase.WriteAsync(database);

        await database.MigrateAsync();
        await database.MigrateAsync(); // a second start finds nothing to do

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var history = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync();
            await using var migrations = DatabaseSetup.CreateMigrationsContext(database.Options);
            Assert.That(history, Is.EquivalentTo(Legacy().Concat(migrations.GetService<IMigrationsAssembly>().Migrations.Keys)));
        }

        await using var after = TestFlow.Store(database.Factory, database.Options);
        var loaded = await after.LoadAsync(caseId);
        Assert.That(loaded, Is.Not.Null, "the case is still there");
        var task = loaded!.State.Tasks.Single();
        var claimed = await after.ExecuteAsync(caseId, new ClaimTask(task.TaskId), TestFlow.Clerk);
        var approved = await after.ExecuteAsync(caseId, new ApproveTask(task.TaskId, null, null), TestFlow.Clerk);
        Assert.Multiple(() =>
        {
            Assert.That(claimed.Refusal, Is.Null, "claim after the upgrade");
            Assert.That(approved.Refusal, Is.Null, "approve after the upgrade");
            Assert.That(approved.State!.Version, Is.GreaterThanOrEqualTo(loaded.State.Version + 2), "both commands appended events");
            Assert.That(approved.State.FindTask(task.TaskId)!.Status, Is.EqualTo(Approval.Engine.Cases.TaskStatus.Approved));
        });
    }

    [Test]
    public async Task A_database_with_only_some_hand_written_migrations_is_refused_naming_what_it_lacks()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await LegacySchemaContext.BuildAsync(database.Options);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '20261124000010_CaseVisits'");
        }

        var refused = Assert.ThrowsAsync<DatabaseSetupException>(database.MigrateAsync);
        Assert.That(refused!.Message, Does.Contain("20261124000010_CaseVisits"));
    }

    private static string InitialMigration(DbContext migrations) =>
        migrations.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).First();

    private static IEnumerable<string> Legacy() =>
        typeof(LegacySchemaContext).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(MigrationAttribute), false).OfType<MigrationAttribute>().SingleOrDefault()?.Id)
            .OfType<string>();
}
