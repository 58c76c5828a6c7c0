using Approval.Api.Problems;
using Approval.Calendar;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Workflows;
using Approval.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Approval.Api.Hosting;

/// <summary>Everything the service needs, registered in one place so tests and tools compose the same service.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddApproval(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.Section));
        services.AddOptions<CalendarSettings>().Bind(configuration.GetSection(CalendarSettings.Section));
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        // The same composition as the CLI and the bench's nodes; the clock is TryAdd'ed there, so a test's own clock wins.
        services.AddApprovalPersistence();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ApprovalOptions>>().Value;
            var path = PathResolver.Resolve(options.CalendarsPath ?? Path.Combine(options.WorkflowsPath, "calendars"));
            return CalendarFactory.Create(path, sp.GetRequiredService<IOptions<CalendarSettings>>().Value, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Approval.Calendar"));
        });
        services.AddSingleton<WorkflowPublisher>();
        services.AddSingleton<WorkflowLibrary>();
        services.AddMetrics();
        services.AddSingleton<Approval.Persistence.Telemetry.ApprovalMetrics>();
        services.AddSingleton<Approval.Persistence.Statistics.SupervisionStatistics>();
        services.AddHostedService<CatalogRefresher>();
        Screen.ScreenServiceCollectionExtensions.AddSupervisionScreen(services);

        services.AddApprovalSecurity(configuration, environment);
        services.AddApprovalSupervision(configuration);
        services.AddApprovalProblems();
        Approval.Api.Credit.CreditServiceCollectionExtensions.AddApprovalCredit(services, configuration);
        Telemetry.TelemetryServiceCollectionExtensions.AddApprovalTelemetry(services, configuration);
        services.AddHealthChecks();
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<OpenApi.BearerSecurityScheme>();
            o.AddSchemaTransformer<OpenApi.RequestExamples>();
        });
        return services;
    }

    /// <summary>
    /// Runs every <c>ValidateOnStart</c> options check (signing key, database, supervision) now,
    /// so a bad setting stops start-up before anything touches the database.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names it.</exception>
    public static void ValidateApprovalOptions(this IServiceProvider services) =>
        services.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>Brings the database to the current schema and publishes the workflow library; the service answers only after this.</summary>
    /// <exception cref="StartupFailureException">The database cannot be reached or migrated; the message names <c>Database:ConnectionString</c>.</exception>
    public static async Task InitializeApprovalAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await DatabaseSetup.MigrateAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !ex.Message.Contains("Database:", StringComparison.Ordinal))
        {
            var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
            throw new StartupFailureException(
                $"Database:ConnectionString: cannot open or migrate the {provider} database: {StartupFailureException.Describe(ex)}", ex);
        }

        _ = services.GetRequiredService<WorkingCalendar>();
        await services.GetRequiredService<WorkflowLibrary>().PublishAllAsync(cancellationToken);
        await services.GetRequiredService<ProvisionalDeadlineRecomputer>().RecomputeAsync(cancellationToken);
    }
}
