namespace Approval.Bench.Reporting;

/// <summary>
/// What one scenario run measured: its settings (so a figure can be reproduced), its metrics and
/// how many operations failed. A run with errors is a failed run whatever its timings say.
/// </summary>
public sealed record ScenarioReport(string Scenario, IReadOnlyDictionary<string, string> Settings, IReadOnlyList<Metric> Metrics, long Errors, IReadOnlyList<string> ErrorSamples)
{
    public Metric this[string name] => Metrics.First(m => m.Name == name);

    /// <summary>Smoke runs must not gate on timings: targets are dropped, the figures kept.</summary>
    public ScenarioReport WithoutTargets() => this with { Metrics = [.. Metrics.Select(m => m with { Target = null, Met = null })] };
}
