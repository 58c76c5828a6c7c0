using Approval.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Approval.Persistence.Tests.Migrations;

/// <summary>
/// Every provider's migrations cover the model: a change to the model without
/// <c>dotnet ef migrations add</c> (docs/operations.md) fails here. Needs no server: only the model.
/// </summary>
public class PendingModelChangesTests
{
    private static readonly string[] Providers = [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer];

    [TestCaseSource(nameof(Providers))]
    public void The_migrations_cover_the_model(string provider)
    {
        using var migrations = DatabaseSetup.CreateMigrationsContext(Offline(provider));
        Assert.That(migrations.Database.HasPendingModelChanges(), Is.False,
            $"the model changed without a migration: dotnet ef migrations add <Name> --project src/Approval.Persistence --context {migrations.GetType().Name}");
    }

    [TestCaseSource(nameof(Providers))]
    public void A_column_added_to_the_model_without_a_migration_is_caught(string provider)
    {
        using var migrations = DatabaseSetup.CreateMigrationsContext(Offline(provider));
        var migrationsType = migrations.GetType();

        // The same migrations context, its model given one more column.
        var changed = (DbContext)Activator.CreateInstance(migrationsType, ChangedOptions(migrationsType, provider))!;
        using (changed)
        {
            Assert.That(changed.Database.HasPendingModelChanges(), Is.True);
        }
    }

    [TestCaseSource(nameof(Providers))]
    public void The_migrations_context_has_the_model_the_service_uses(string provider)
    {
        var options = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(options, Offline(provider));
        using var service = new ApprovalDbContext(options.Options);
        using var migrations = DatabaseSetup.CreateMigrationsContext(Offline(provider));
        Assert.That(migrations.Database.GenerateCreateScript(), Is.EqualTo(service.Database.GenerateCreateScript()));
    }

    internal static DatabaseOptions Offline(string provider) => new()
    {
        Provider = provider,
        ConnectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=unused.db",
            DatabaseProvider.PostgreSql => "Host=unused.invalid;Database=approval",
            _ => "Server=unused.invalid;Database=approval;TrustServerCertificate=true",
        },
    };

    private static DbContextOptions ChangedOptions(Type contextType, string provider)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        DatabaseSetup.Configure(builder, Offline(provider));
        builder.ReplaceService<IModelCustomizer, ExtraColumn>();
        return builder.Options;
    }

    private sealed class ExtraColumn(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<CaseRow>().Property<string>("Unmigrated").HasMaxLength(10);
        }
    }
}
