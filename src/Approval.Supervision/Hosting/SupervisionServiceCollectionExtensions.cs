using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Supervision;
using Approval.Supervision.Alerts;
using Approval.Supervision.Channels;
using Approval.Supervision.Hosting;
using Approval.Supervision.Timers;
using Hangfire;
using Approval.Supervision.Outbox;
using Approval.Supervision.Queries;
using Approval.Supervision.Sweep;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In the DI namespace, as AddXxx extensions conventionally are, so hosts need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the deadline engine: timers, safety net, outbox, alert channels, queries, and the Hangfire server that runs them.</summary>
public static class SupervisionServiceCollectionExtensions
{
    /// <summary>
    /// Adds supervision. Expects the persistence services (<see cref="CaseStore"/>, the
    /// <see cref="ApprovalDbContext"/> factory, <see cref="DatabaseOptions"/>) to be registered too.
    /// <c>Supervision:Enabled</c> and <c>Database:Provider</c> are read here, once; everything else
    /// through options when first used.
    /// </summary>
    public static IServiceCollection AddApprovalSupervision(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SupervisionOptions>().Bind(configuration.GetSection(SupervisionOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SupervisionOptions>, SupervisionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Every node records alerts with its commands (the outbox), whether or not it runs the scheduler.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseEventSink, AlertSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseEventSink, Approval.Supervision.Exchange.ExchangeSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseEventSink, UrgingAlertSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseEventSink, Approval.Persistence.Urgings.UrgingSink>());
        services.AddHttpClient(WebhookAlertChannel.HttpClientName);
        services.TryAddSingleton<LogAlertChannel>();
        services.TryAddSingleton<WebhookAlertChannel>();
        services.TryAddSingleton<AlertChannels>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<DeadlineSweeper>();
        services.TryAddSingleton<DeadLetters>();
        services.TryAddSingleton<CardQueries>();

        if (!configuration.GetValue($"{SupervisionOptions.Section}:{nameof(SupervisionOptions.Enabled)}", true))
        {
            return services;
        }

        var provider = configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] ?? DatabaseProvider.Sqlite;
        // Hangfire reads DateTime.UtcNow itself and is never given the business TimeProvider: a fake
        // business clock must not stall its polling. The jobs ask the business clock what is due.
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(HangfireStorageFactory.Create(
                provider,
                sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString,
                sp.GetRequiredService<IOptions<SupervisionOptions>>().Value.Hangfire)));
        services.AddHangfireServer((sp, server) =>
        {
            var settings = sp.GetRequiredService<IOptions<SupervisionOptions>>().Value.Hangfire;
            server.SchedulePollingInterval = settings.SchedulePollingInterval;
            server.WorkerCount = settings.WorkerCount;
            server.Queues = [OutboxDispatchJob.Queue, "default"];
            // Hangfire appends a unique id; machine and process name the node in the dashboard.
            server.ServerName = $"approval-{Environment.MachineName}-{Environment.ProcessId}";
        });

        services.TryAddSingleton<DeadlineTimers>();
        services.TryAddSingleton<SweepRun>();
        services.TryAddTransient<DeadlineTimerJob>();
        services.TryAddTransient<InstantTimerJob>();
        services.TryAddTransient<SafetyNetJob>();
        services.TryAddTransient<OutboxDispatchJob>();
        services.TryAddSingleton<TimerPump>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerPump>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseCommitObserver, TimerCommitObserver>());
        services.TryAddSingleton<CatchUpService>();
        services.AddHostedService(sp => sp.GetRequiredService<CatchUpService>());
        return services;
    }
}
