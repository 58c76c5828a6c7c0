using Approval.Persistence.Telemetry;
using Approval.Supervision.Outbox;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Approval.Api.Telemetry;

/// <summary>
/// OpenTelemetry for the service: our meter (<see cref="ApprovalMetrics"/>) and spans
/// (<see cref="ApprovalActivities"/>), ASP.NET Core, HttpClient (webhooks) and EF Core, exported by
/// Prometheus scrape and/or OTLP as <see cref="TelemetryOptions"/> say. With neither on, no SDK
/// runs: the instruments cost a null check.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddApprovalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.Section);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        // The exporters are chosen now, from the same configuration the validator checks at start.
        var settings = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = settings.Otlp;
        var otlpOn = otlp.Endpoint is not null;
        if (!settings.ExportsMetrics && !(otlpOn && otlp.Traces))
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(settings.ServiceName));
        if (settings.Prometheus.Enabled || (otlpOn && otlp.Metrics))
        {
            services.AddHostedService<OutboxSampler>();
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(ApprovalMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (settings.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlpOn && otlp.Metrics)
                {
                    metrics.AddOtlpExporter(o => OtlpEndpoint.Configure(o, otlp, "metrics"));
                }
            });
        }

        if (otlpOn && otlp.Traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ApprovalActivities.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(settings.Prometheus.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(o => OtlpEndpoint.Configure(o, otlp, "traces")));
        }

        return services;
    }
}
