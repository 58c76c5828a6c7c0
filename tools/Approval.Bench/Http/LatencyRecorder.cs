namespace Approval.Bench.Http;

/// <summary>Request latencies of one client (no locking: each client owns one), merged for percentiles at the end.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = new(capacity: 64 * 1024);

    public int Count => _milliseconds.Count;

    public void Record(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    /// <summary>Nearest-rank percentiles over every recorder.</summary>
    public static (double P50, double P95, double P99, double Max) Percentiles(IEnumerable<LatencyRecorder> recorders)
    {
        var all = recorders.SelectMany(r => r._milliseconds).ToArray();
        if (all.Length == 0)
        {
            return (0, 0, 0, 0);
        }

        Array.Sort(all);
        double At(double p) => all[Math.Clamp((int)Math.Ceiling(p * all.Length) - 1, 0, all.Length - 1)];
        return (At(0.50), At(0.95), At(0.99), all[^1]);
    }
}
