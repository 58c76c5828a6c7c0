using Approval.Bench.Reporting;

namespace Approval.Bench.Http;

/// <summary>
/// Each node's share of a multi-node run (client i talks to node i mod N): its cases/s, its p99 and
/// its own CPU per case — the scaling figure when the nodes share the machine's cores, since their
/// summed throughput then says more about the cores than about the service.
/// </summary>
internal static class NodeMetrics
{
    public static IEnumerable<Metric> PerNode(IReadOnlyList<CaseClient> clients, IReadOnlyList<TimeSpan> serverCpu, double elapsedSeconds)
    {
        for (var node = 0; node < serverCpu.Count; node++)
        {
            var own = clients.Where((_, i) => i % serverCpu.Count == node).ToList();
            var cases = own.Sum(c => c.CompletedCases);
            var (_, _, p99, _) = LatencyRecorder.Percentiles(own.Select(c => c.Latencies));
            var name = $"node {node + 1}";
            yield return new($"{name} complete cases/s", cases / elapsedSeconds, "cases/s");
            yield return new($"{name} latency p99", p99, "ms");
            yield return new($"{name} server CPU per case", HttpLoad.PerCase(serverCpu[node], cases), "ms");
            yield return new($"{name} server CPU use", serverCpu[node].TotalSeconds / elapsedSeconds * 100, "% of 1 core");
            yield return new($"{name} errors", own.Sum(c => c.Errors), "requests");
        }
    }
}
