using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Workflows;
using Approval.Supervision.Sweep;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Approval.Bench.Deadlines;

/// <summary>
/// The deadline engine composed as the service composes it (store, alert sink, sweeper) over a
/// SQLite file, without a Hangfire server: the scenario drives <see cref="DeadlineSweeper.SweepAsync"/> itself.
/// </summary>
internal sealed class SupervisionNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public SupervisionNode(string connectionString, Bundle bundle, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProvider.Sqlite,
            ["Database:ConnectionString"] = connectionString,
            ["Supervision:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(_ => false));
        services.AddSingleton(clock);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(bundle.Calendar);
        var catalog = new WorkflowCatalog();
        catalog.Register(bundle.Published());
        services.AddSingleton(catalog);
        services.AddApprovalPersistence();
        services.AddApprovalSupervision(configuration);
        _services = services.BuildServiceProvider();
    }

    public DeadlineSweeper Sweeper => _services.GetRequiredService<DeadlineSweeper>();

    public IDbContextFactory<ApprovalDbContext> Databases => _services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>();

    public async Task MigrateAsync()
    {
        await using var db = await Databases.CreateDbContextAsync();
        await DatabaseSetup.MigrateAsync(db);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
