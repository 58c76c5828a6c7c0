using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Supervision;
using Approval.Supervision.Alerts;
using Approval.Supervision.Channels;
using Approval.Supervision.Hosting;
using Approval.Supervision.Jobs;
using Approval.Supervision.Outbox;
using Approval.Supervision.Queries;
using Approval.Supervision.Sweep;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

// In the DI namespace, as AddXxx extensions conventionally are, so hosts need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the deadline engine: sweep, outbox, alert channels, queries, and the Quartz scheduler that drives them.</summary>
public static class SupervisionServiceCollectionExtensions
{
    /// <summary>The Quartz scheduler's name: its rows in the <c>QRTZ_*</c> tables carry it as <c>SCHED_NAME</c>.</summary>
    public const string SchedulerName = "approval-supervision";

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

        services.TryAddSingleton<CatchUpService>();
        services.AddHostedService(sp => sp.GetRequiredService<CatchUpService>());

        var provider = configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] ?? DatabaseProvider.Sqlite;
        // A named scheduler: its clock (and everything else Quartz registers) is keyed to it. On the
        // default scheduler UseTimeProvider replaces the container's own TimeProvider, which would
        // swap the service's business clock for Quartz's.
        services.AddQuartz(SchedulerName, q =>
        {
            // Quartz paces the polling on wall-clock time; what is *due* is asked of the injected
            // TimeProvider by the sweep. A fake business clock must never stall the scheduler.
            q.UseTimeProvider(TimeProvider.System);
            q.UsePersistentStore(store => QuartzStore.Configure(store, provider));
            Schedule<DeadlineSweepJob>(q, DeadlineSweepJob.Key, o => o.SweepInterval);
            Schedule<OutboxDispatchJob>(q, OutboxDispatchJob.Key, o => o.DispatchInterval);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void Schedule<TJob>(IQuartzBuilder quartz, JobKey key, Func<SupervisionOptions, TimeSpan> interval)
        where TJob : class, IJob
    {
        quartz.ScheduleJob<TJob>(
            (sp, trigger) => trigger
                .WithIdentity(key.Name, key.Group)
                .StartNow()
                // A missed firing is not replayed: the next sweep covers everything due by then anyway.
                .WithSimpleSchedule(s => s
                    .WithInterval(interval(sp.GetRequiredService<IOptions<SupervisionOptions>>().Value))
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            (_, job) => job.WithIdentity(key));
    }
}
