using Approval.Persistence.Tests.Infrastructure;

namespace Approval.Persistence.Tests.Migrations;

/// <summary>Every provider's migrations build exactly the schema EF derives from the model (SQL Server's only where APPROVAL_TEST_SQLSERVER names a server).</summary>
public class MigratedSchemaTests
{
    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.PostgreSql)]
    [TestCase(DatabaseProvider.SqlServer)]
    public async Task Migrating_an_empty_database_gives_the_schema_of_the_model(string provider)
    {
        await using var migrated = TestDatabase.Create(provider);
        await using var created = TestDatabase.Create(provider);
        await migrated.MigrateAsync();
        await using (var db = await created.Factory.CreateDbContextAsync())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var fromMigrations = await SchemaDescription.DescribeAsync(migrated);
        var fromModel = await SchemaDescription.DescribeAsync(created);
        Assert.That(fromMigrations, Is.EqualTo(fromModel));
        Assert.That(fromModel, Has.Some.StartsWith("tasks.NextAlertAt"), "the description really lists columns");
    }
}
