using System.Diagnostics;

namespace Approval.Persistence.Telemetry;

/// <summary>The service's own trace spans: one per case command, under the request's span.</summary>
public static class ApprovalActivities
{
    /// <summary>The activity source's name, which tracer providers subscribe to.</summary>
    public const string SourceName = "Approval";

    /// <summary>Static because spans are only recorded when a listener (the tracer provider) asked for this name.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
