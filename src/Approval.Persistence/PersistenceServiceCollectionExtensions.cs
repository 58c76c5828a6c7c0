using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Supervision;
using Approval.Persistence.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In the DI namespace, as AddXxx extensions conventionally are (AddApprovalSupervision is too), so hosts need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Composes persistence one way for the service, the CLI and the bench's nodes: the database,
/// the case store and what it feeds (the task index and queries), the catalog.
/// </summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Adds persistence over the <see cref="DatabaseOptions"/> the host configures (the service binds
    /// <c>Database</c>); they are validated at start. Expects a <see cref="Approval.Calendar.WorkingCalendar"/>
    /// to be registered. Registers <see cref="TimeProvider.System"/> and an empty
    /// <see cref="WorkflowCatalog"/> only when the host has not registered its own (a test's fake clock, a
    /// bench's pre-filled catalog), so register those before or after: either way they win.
    /// </summary>
    public static IServiceCollection AddApprovalPersistence(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .Validate(o => o.Provider is DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql or DatabaseProvider.SqlServer,
                $"Database:Provider is not one of {DatabaseProvider.Sqlite}, {DatabaseProvider.PostgreSql}, {DatabaseProvider.SqlServer}.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString is not set.")
            .ValidateOnStart();

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPooledDbContextFactory<ApprovalDbContext>((sp, builder) =>
            DatabaseSetup.Configure(builder, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.TryAddSingleton<WorkflowCatalog>();
        services.TryAddSingleton<CaseStore>();
        services.TryAddSingleton<OutboxWrites>();
        services.TryAddSingleton<TaskCaseIndex>();
        // The index learns each commit's tasks, so a task command finds its case without a query.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseCommitObserver, TaskCaseIndex>(sp => sp.GetRequiredService<TaskCaseIndex>()));
        services.TryAddSingleton<TaskQueries>();
        services.TryAddSingleton<ProvisionalDeadlineRecomputer>();
        services.TryAddSingleton<Approval.Persistence.Delegations.DelegationStore>();
        return services;
    }

    /// <summary>Adds persistence over <paramref name="database"/>, for a tool that is given its database rather than configured.</summary>
    public static IServiceCollection AddApprovalPersistence(this IServiceCollection services, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(database);
        services.Configure<DatabaseOptions>(o =>
        {
            o.Provider = database.Provider;
            o.ConnectionString = database.ConnectionString;
            o.ConcurrencyRetries = database.ConcurrencyRetries;
        });
        return services.AddApprovalPersistence();
    }
}
