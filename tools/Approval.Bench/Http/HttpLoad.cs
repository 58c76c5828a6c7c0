using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Approval.Bench.Reporting;
using Approval.Bench.Service;

namespace Approval.Bench.Http;

/// <summary>
/// The load itself, against any running service: N clients drive complete cases; the figures are
/// taken over the measured window only (after the warm-up). Shared by <c>http</c> and <c>scale</c>.
/// </summary>
public static class HttpLoad
{
    public const double TargetCasesPerSecond = 300;
    public const double TargetP99Milliseconds = 50;
    public const double TargetPeakRssMegabytes = 400;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <param name="DeliveredCases">Every case the clients completed, warm-up included (for the effects check).</param>
    /// <param name="KeyedAnswers">Requests sent with an Idempotency-Key that got an answer, warm-up included.</param>
    public sealed record Result(IReadOnlyList<Metric> Metrics, long Errors, IReadOnlyList<string> ErrorSamples, double P99, IReadOnlyList<Guid> DeliveredCases, long KeyedAnswers);

    public static Task<Result> RunAsync(Uri baseAddress, ServiceProcess? service, Bundle bundle, LoadSettings settings, IProgress<double>? progress) =>
        RunAsync([baseAddress], service is null ? [] : [service], null, bundle, settings, progress);

    /// <summary>
    /// Drives the nodes at <paramref name="nodes"/> (client i talks to node i mod N). With more than
    /// one node, each node's share is reported beside the totals; <paramref name="services"/> are the
    /// nodes' processes when this harness started them (CPU and RSS), empty otherwise.
    /// </summary>
    /// <param name="database">The cluster all nodes share, when the harness started it: its CPU per case is reported too.</param>
    public static async Task<Result> RunAsync(IReadOnlyList<Uri> nodes, IReadOnlyList<ServiceProcess> services, PostgresCluster? database, Bundle bundle, LoadSettings settings, IProgress<double>? progress)
    {
        var tokens = new ClerkTokens(bundle.Definition.Steps.SelectMany(Departments));
        var intake = JsonSerializer.SerializeToUtf8Bytes(new
        {
            workflowId = Bundle.WorkflowId,
            applicant = new { kind = "person", id = Bundle.ApplicantId, name = "张三", phone = "13800000000" },
            data = Bundle.Data,
            materials = bundle.Materials.Select(m => new { materialId = m, provided = true }),
        }, JsonSerializerOptions.Web);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var https = nodes.Select(n => new HttpClient(handler, disposeHandler: false) { BaseAddress = n, Timeout = TimeSpan.FromSeconds(60) }).ToList();
        try
        {
            var clients = Enumerable.Range(0, settings.Clients).Select(i => new CaseClient(https[i % https.Count], tokens, intake, settings.IdempotencyKeys)).ToList();
            return await DriveAsync(clients, services, database, settings, progress);
        }
        finally
        {
            https.ForEach(h => h.Dispose());
        }
    }

    private static async Task<Result> DriveAsync(List<CaseClient> clients, IReadOnlyList<ServiceProcess> services, PostgresCluster? database, LoadSettings settings, IProgress<double>? progress)
    {
        var perClient = settings.MaxCases is { } max ? (max + settings.Clients - 1) / settings.Clients : long.MaxValue;
        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        var running = clients.Select(c => Task.Run(() => c.RunAsync(perClient, stop.Token, abort.Token))).ToList();
        await WaitAsync(settings.Warmup, running, null, null);
        clients.ForEach(c => c.Recording = true);

        var serverCpu0 = services.Select(s => s.CpuTime()).ToList();
        var serverIo0 = services.Select(s => s.Io()).ToList();
        var databaseCpu0 = database?.CpuTime() ?? TimeSpan.Zero;
        var activity0 = database is null ? default : await database.ActivityAsync();
        var clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await WaitAsync(settings.Duration, running, progress, () => settings.MaxCases is { } m ? (double)clients.Sum(c => c.CompletedCases) / m : null);
        var elapsed = clock.Elapsed.TotalSeconds;
        clients.ForEach(c => c.Recording = false);
        var serverCpu = services.Select((s, i) => s.CpuTime() - serverCpu0[i]).ToList();
        var serverIo = services.Select((s, i) => s.Io() - serverIo0[i]).Aggregate(default(ProcIo), (a, b) => new ProcIo(a.BytesWritten + b.BytesWritten, a.WriteCalls + b.WriteCalls));
        var databaseCpu = (database?.CpuTime() ?? TimeSpan.Zero) - databaseCpu0;
        var activity = database is null ? default : await database.ActivityAsync();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu0;

        // Cases under way finish (the effects check wants none half-driven); a hung service is cut off.
        await stop.CancelAsync();
        abort.CancelAfter(DrainTimeout);
        await Task.WhenAll(running);

        var cases = clients.Sum(c => c.CompletedCases);
        var requests = clients.Sum(c => c.Requests);
        var (p50, p95, p99, pMax) = LatencyRecorder.Percentiles(clients.Select(c => c.Latencies));
        var serverCpuAll = serverCpu.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        var metrics = new List<Metric>
        {
            Metric.AtLeast("complete cases/s", cases / elapsed, "cases/s", TargetCasesPerSecond),
            new("requests/s", requests / elapsed, "req/s"),
            new("cases completed", cases, "cases"),
            new("latency p50", p50, "ms"),
            new("latency p95", p95, "ms"),
            Metric.Below("latency p99", p99, "ms", TargetP99Milliseconds),
            new("latency max", pMax, "ms"),
            new("server CPU per case", PerCase(serverCpuAll, cases), "ms"),
            new("server CPU use", serverCpuAll.TotalSeconds / elapsed * 100, "% of 1 core"),
            new("client CPU use", clientCpu.TotalSeconds / elapsed * 100, "% of 1 core"),
        };
        if (services.Count > 0)
        {
            // What the service writes (on SQLite: the WAL's pages and the checkpoints) is its commits' size.
            metrics.Add(new("server bytes written per case", cases == 0 ? 0 : serverIo.BytesWritten / 1024.0 / cases, "KiB"));
            metrics.Add(new("server write calls per case", cases == 0 ? 0 : (double)serverIo.WriteCalls / cases, "calls"));
            metrics.Add(Metric.Below("server peak RSS", services.Max(s => s.PeakRssBytes()) / 1024.0 / 1024.0, "MB", TargetPeakRssMegabytes));
        }

        if (database is not null)
        {
            metrics.Add(new("database CPU per case", PerCase(databaseCpu, cases), "ms"));
            metrics.Add(new("database commits per case", cases == 0 ? 0 : (double)(activity.Commits - activity0.Commits) / cases, "commits"));
            metrics.Add(new("database WAL syncs per case", cases == 0 ? 0 : (double)(activity.WalSyncs - activity0.WalSyncs) / cases, "syncs"));
        }

        if (services.Count > 1)
        {
            metrics.AddRange(NodeMetrics.PerNode(clients, serverCpu, elapsed));
        }

        var errors = clients.Sum(c => c.Errors);
        return new Result(metrics, errors, [.. clients.SelectMany(c => c.ErrorSamples).Take(5)], p99, [.. clients.SelectMany(c => c.DeliveredCases)], clients.Sum(c => c.KeyedAnswers));
    }

    internal static double PerCase(TimeSpan cpu, long cases) => cases == 0 ? 0 : cpu.TotalMilliseconds / cases;

    public static Dictionary<string, string> Describe(LoadSettings settings) => new()
    {
        ["clients"] = settings.Clients.ToString(CultureInfo.InvariantCulture),
        ["warmup"] = $"{settings.Warmup.TotalSeconds:0}s",
        ["duration"] = settings.MaxCases is { } max ? $"{max} cases" : $"{settings.Duration.TotalSeconds:0}s",
        ["idempotency keys"] = settings.IdempotencyKeys ? "on" : "off",
    };

    /// <summary>Waits out a phase; ends early when every client has finished (a fixed number of cases).</summary>
    private static async Task WaitAsync(TimeSpan phase, List<Task> running, IProgress<double>? progress, Func<double?>? fraction)
    {
        var clock = Stopwatch.StartNew();
        var all = Task.WhenAll(running);
        while (clock.Elapsed < phase && !all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromMilliseconds(200)));
            progress?.Report(fraction?.Invoke() ?? clock.Elapsed / phase);
        }
    }

    private static IEnumerable<string> Departments(Approval.Definitions.Model.StepDefinition step) =>
        (step is Approval.Definitions.Model.TaskStepDefinition task ? [task.Department] : Array.Empty<string>())
            .Concat(step.Children.SelectMany(Departments));
}
