using System.Net;
using Microsoft.Extensions.Options;

namespace Approval.Api.Telemetry;

/// <summary>Refuses telemetry settings at start-up, naming the setting, rather than exporting nowhere or serving metrics to everyone.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add("Telemetry:ServiceName is empty.");
        }

        var prometheus = options.Prometheus;
        if (string.IsNullOrWhiteSpace(prometheus.Path) || !prometheus.Path.StartsWith('/') || prometheus.Path.Contains('?', StringComparison.Ordinal))
        {
            failures.Add($"Telemetry:Prometheus:Path '{prometheus.Path}' is not a path starting with '/'.");
        }

        for (var i = 0; i < prometheus.AllowedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(prometheus.AllowedNetworks[i], out _))
            {
                failures.Add($"Telemetry:Prometheus:AllowedNetworks:{i} '{prometheus.AllowedNetworks[i]}' is not a network in CIDR form (e.g. 10.0.0.0/8).");
            }
        }

        var otlp = options.Otlp;
        if (otlp.Endpoint is not null && !OtlpEndpoint.TryParse(otlp.Endpoint, out _))
        {
            failures.Add($"Telemetry:Otlp:Endpoint '{otlp.Endpoint}' is not an absolute http or https URL.");
        }

        if (!OtlpEndpoint.TryProtocol(otlp.Protocol, out _))
        {
            failures.Add($"Telemetry:Otlp:Protocol '{otlp.Protocol}' is not 'grpc' or 'http/protobuf'.");
        }

        if (otlp.Headers is { } headers && headers.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(h => h.IndexOf('=', StringComparison.Ordinal) <= 0))
        {
            failures.Add("Telemetry:Otlp:Headers is not a list of name=value pairs separated by commas.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
