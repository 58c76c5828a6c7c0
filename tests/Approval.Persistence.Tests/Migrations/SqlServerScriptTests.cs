using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Approval.Persistence.Tests.Migrations;

/// <summary>The SQL Server DDL, checked without a server: the idempotent script a DBA reviews, and the store types and indexes in it.</summary>
public class SqlServerScriptTests
{
    private static string Script()
    {
        using var migrations = DatabaseSetup.CreateMigrationsContext(PendingModelChangesTests.Offline(DatabaseProvider.SqlServer));
        return migrations.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    [Test]
    public void The_idempotent_script_creates_every_table_once_guarded_by_the_history()
    {
        var script = Script();
        Assert.Multiple(() =>
        {
            foreach (var table in new[] { "cases", "case_events", "tasks", "workflow_versions", "supervision_cards", "outbox_messages", "idempotency_keys" })
            {
                Assert.That(script, Does.Contain($"CREATE TABLE [{table}]"), table);
            }

            Assert.That(script, Does.Contain("IF NOT EXISTS (").And.Contain("SELECT * FROM [__EFMigrationsHistory]").And.Contain("WHERE [MigrationId] = N'"), "each migration runs only when not yet recorded");
            Assert.That(script, Does.Contain("INSERT INTO [__EFMigrationsHistory]"));
        });
    }

    [Test]
    public void Instants_are_datetime2_identifiers_uniqueidentifier_and_keys_bounded_text()
    {
        var script = Script();
        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("[At] datetime2 NOT NULL"));
            Assert.That(script, Does.Contain("[CaseId] uniqueidentifier NOT NULL"));
            Assert.That(script, Does.Contain("[Id] bigint NOT NULL IDENTITY"));
            Assert.That(script, Does.Contain("[Payload] nvarchar(max) NOT NULL"));

            // Index keys must be bounded (nvarchar(max) cannot be an index key on SQL Server).
            Assert.That(script, Does.Contain("[WorkflowId] nvarchar(100) NOT NULL"));
            Assert.That(script, Does.Contain("[UserId] nvarchar(100) NOT NULL"));
            Assert.That(script, Does.Contain("CONSTRAINT [PK_idempotency_keys] PRIMARY KEY ([UserId], [Key])"));
            Assert.That(script, Does.Contain("CREATE UNIQUE INDEX [IX_case_events_CaseId_Sequence] ON [case_events] ([CaseId], [Sequence])"));
            Assert.That(script, Does.Contain("CREATE UNIQUE INDEX [IX_workflow_versions_WorkflowId_ContentHash] ON [workflow_versions] ([WorkflowId], [ContentHash])"));
            Assert.That(script, Does.Not.Contain("ON DELETE CASCADE"), "no foreign keys, so no multiple cascade paths");
        });
    }

    [Test]
    public void Every_indexed_or_key_column_is_bounded_text_on_SQL_Server()
    {
        using var migrations = DatabaseSetup.CreateMigrationsContext(PendingModelChangesTests.Offline(DatabaseProvider.SqlServer));
        var unbounded = migrations.Model.GetEntityTypes()
            .SelectMany(e => e.GetIndexes().SelectMany(i => i.Properties).Concat(e.GetKeys().SelectMany(k => k.Properties)))
            .Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is null)
            .Select(p => $"{p.DeclaringType.DisplayName()}.{p.Name}")
            .Distinct()
            .ToList();
        Assert.That(unbounded, Is.Empty);
    }
}
