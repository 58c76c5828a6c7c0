namespace Approval.Bench.Reporting;

/// <summary>One measured figure, with the target it is held against (if any) and whether it met it.</summary>
/// <param name="Target">Human-readable target, e.g. "≥ 300"; null for figures that only explain others.</param>
/// <param name="Met">Whether <paramref name="Value"/> met the target; null when there is none (or smoke runs, which never judge timings).</param>
public sealed record Metric(string Name, double Value, string Unit, string? Target = null, bool? Met = null)
{
    public static Metric AtLeast(string name, double value, string unit, double target) =>
        new(name, value, unit, $"≥ {target:N0}", value >= target);

    public static Metric Below(string name, double value, string unit, double target) =>
        new(name, value, unit, $"< {target:N0}", value < target);
}
