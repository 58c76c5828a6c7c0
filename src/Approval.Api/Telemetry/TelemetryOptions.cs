namespace Approval.Api.Telemetry;

/// <summary>
/// Metrics and traces (OpenTelemetry), bound from the <c>Telemetry</c> section. Everything is off by
/// default: the instruments still count, but nothing is exported or served until a setting asks.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The <c>service.name</c> resource attribute of every metric and span.</summary>
    public string ServiceName { get; set; } = "approval";

    public PrometheusOptions Prometheus { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>True when anything reads the metrics, so the outbox sampler and the SDK are worth running.</summary>
    public bool ExportsMetrics => Prometheus.Enabled || Otlp.Endpoint is not null;
}

/// <summary>The Prometheus scrape endpoint.</summary>
public sealed class PrometheusOptions
{
    /// <summary>Serves the scrape endpoint; off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where it is served.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.0.0.0/8</c>, <c>127.0.0.1/32</c>) whose scrapers need no token.
    /// Anyone else needs a signed-in user with the operator role.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}

/// <summary>OTLP export of metrics and traces to a collector.</summary>
public sealed class OtlpOptions
{
    /// <summary>The collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP); null: no OTLP export.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>Headers sent with every export (an API key, say), as <c>name=value</c> pairs separated by commas.</summary>
    public string? Headers { get; set; }

    public bool Traces { get; set; } = true;

    public bool Metrics { get; set; } = true;
}
