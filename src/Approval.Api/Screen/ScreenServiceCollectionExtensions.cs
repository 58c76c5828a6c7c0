using Approval.Persistence.Cases;
using Approval.Persistence.Statistics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Approval.Api.Screen;

/// <summary>The one screen (一屏电子监察): counters kept with the commands, their folding, the live feed.</summary>
internal static class ScreenServiceCollectionExtensions
{
    public static IServiceCollection AddSupervisionScreen(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseEventSink, CounterSink>());
        services.AddSingleton<CounterFolder>();
        services.AddHostedService<CounterFoldingService>();
        services.AddSingleton<LiveFeed>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseCommitObserver, LiveFeed>(sp => sp.GetRequiredService<LiveFeed>()));
        // Several nodes on one PostgreSQL database: each node's changes reach every node's feed.
        services.AddSingleton<PostgresLiveRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresLiveRelay>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICaseCommitObserver, PostgresLiveRelay>(sp => sp.GetRequiredService<PostgresLiveRelay>()));
        services.AddSingleton<ScreenStatistics>();
        return services;
    }
}
