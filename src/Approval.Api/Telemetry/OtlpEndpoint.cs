using OpenTelemetry.Exporter;

namespace Approval.Api.Telemetry;

/// <summary>Reads the OTLP settings into what the exporter takes; the same checks back the validator.</summary>
internal static class OtlpEndpoint
{
    public static bool TryParse(string text, out Uri endpoint) =>
        Uri.TryCreate(text, UriKind.Absolute, out endpoint!) && endpoint.Scheme is "http" or "https";

    public static bool TryProtocol(string text, out OtlpExportProtocol protocol)
    {
        (var known, protocol) = text switch
        {
            "grpc" => (true, OtlpExportProtocol.Grpc),
            "http/protobuf" => (true, OtlpExportProtocol.HttpProtobuf),
            _ => (false, OtlpExportProtocol.Grpc),
        };
        return known;
    }

    /// <summary>Points the exporter at the collector; over HTTP the signal's path (<c>v1/traces</c>, <c>v1/metrics</c>) is added, as the OTLP spec's base-URL rule does.</summary>
    public static void Configure(OtlpExporterOptions exporter, OtlpOptions options, string signal)
    {
        if (options.Endpoint is null || !TryParse(options.Endpoint, out var endpoint) || !TryProtocol(options.Protocol, out var protocol))
        {
            return; // refused by the validator before anything exports
        }

        exporter.Protocol = protocol;
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/v1/" + signal)
            : endpoint;
        if (options.Headers is { } headers)
        {
            exporter.Headers = headers;
        }
    }
}
