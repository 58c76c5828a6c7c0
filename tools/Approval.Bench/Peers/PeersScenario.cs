using System.Globalization;
using Approval.Bench.Engine;
using Approval.Bench.Reporting;

namespace Approval.Bench.Peers;

/// <summary>
/// <c>peers</c>: our pure engine and two peer engines on the same seven-command flow (intake, five
/// department approvals, delivery), one after another in the same process and minutes, so their
/// ratios hold on a shared machine even when the absolutes do not. CPU per case is reported beside
/// throughput because the peers use every core and ours uses one thread.
/// </summary>
public static class PeersScenario
{
    /// <param name="Cases">Cases for our engine.</param>
    /// <param name="PeerCases">Instances for each WorkflowCore variant (its in-memory store scans lists, so it slows as N grows).</param>
    /// <param name="BpmnCases">Cases for bpmn-engine; it runs only when <paramref name="Bpmn"/> is set.</param>
    /// <param name="Fsync">bpmn-engine's state file is fsynced after every step, as our durable commit is.</param>
    /// <param name="PollInterval">WorkflowCore's poll interval; its default (10 s) when null.</param>
    public sealed record Settings(int Cases, int WarmupCases, int PeerCases, int BpmnCases, bool Bpmn, bool Fsync, TimeSpan PeerTimeout, bool Smoke, TimeSpan? PollInterval = null)
    {
        public static Settings ForSmoke { get; } = new(200, 20, 20, 0, Bpmn: false, Fsync: false, TimeSpan.FromSeconds(60), Smoke: true);
    }

    public const string Ours = "ours";
    public const string WorkflowCoreEvents = "WorkflowCore events";
    public const string WorkflowCorePlain = "WorkflowCore plain";

    public static async Task<ScenarioReport> RunAsync(Settings settings, IProgress<double>? progress = null)
    {
        var loadBefore = LoadAverage();
        var ours = EngineScenario.Measure(settings.Cases, settings.WarmupCases);
        progress?.Report(0.25);
        var ourFigure = new PeerFigure(Ours, ours.Cases, ours.Cases - ours.Errors.Count, ours.Elapsed, ours.ProcessorTime, ours.Errors);

        var warmup = Math.Max(5, settings.PeerCases / 20);
        var events = await WorkflowCorePeer.RunAsync<EventApprovalFlow>(WorkflowCoreEvents, settings.PeerCases, warmup, settings.PeerTimeout, publishApprovals: true, settings.PollInterval);
        progress?.Report(0.5);
        var plain = await WorkflowCorePeer.RunAsync<PlainApprovalFlow>(WorkflowCorePlain, settings.PeerCases, warmup, settings.PeerTimeout, publishApprovals: false, settings.PollInterval);
        progress?.Report(0.75);
        var bpmn = settings.Bpmn
            ? await BpmnEnginePeer.RunAsync(settings.BpmnCases, Math.Max(5, settings.BpmnCases / 20), settings.Fsync, settings.PeerTimeout)
            : PeerFigure.Skipped(BpmnEnginePeer.Label, settings.Smoke ? "not run in smoke (needs node)" : "not run (pass --bpmn)");
        progress?.Report(1);

        PeerFigure[] all = [ourFigure, events, plain, bpmn];
        var metrics = new List<Metric>();
        foreach (var figure in all)
        {
            if (figure.NotRun is { } reason)
            {
                metrics.Add(new($"{figure.Label}: {reason}", 0, "no figure"));
                continue;
            }

            metrics.Add(new($"{figure.Label}: cases/s", figure.CasesPerSecond, "cases/s"));
            metrics.Add(new($"{figure.Label}: CPU per case", figure.CpuMsPerCase * 1000, "µs"));
            if (figure != ourFigure && figure.Completed > 0)
            {
                metrics.Add(new($"ours ÷ {figure.Label}: cases/s", ourFigure.CasesPerSecond / figure.CasesPerSecond, "×"));
                metrics.Add(new($"{figure.Label} ÷ ours: CPU per case", figure.CpuMsPerCase / ourFigure.CpuMsPerCase, "×"));
            }
        }

        var settingsShown = new Dictionary<string, string>
        {
            ["cases (ours)"] = Invariant(settings.Cases),
            ["instances (WorkflowCore)"] = Invariant(settings.PeerCases),
            ["cases (bpmn-engine)"] = settings.Bpmn ? Invariant(settings.BpmnCases) : "-",
            ["warmup (ours)"] = Invariant(settings.WarmupCases),
            ["warmup (peers)"] = "1/20 of their cases, at least 5",
            ["workflow"] = Bundle.WorkflowId,
            ["ours"] = "pure engine, one thread, no store",
            ["WorkflowCore"] = "3.22.0 in memory; events = WaitFor(\"approve\") per approval, plain = seven StepBody steps",
            ["load average before"] = loadBefore,
            ["load average after"] = LoadAverage(),
            ["cores"] = Invariant(Environment.ProcessorCount),
        };
        settingsShown["WorkflowCore poll interval"] = settings.PollInterval is { } poll ? $"{poll.TotalMilliseconds:N0} ms" : "default (10 s)";
        foreach (var figure in all.Where(f => f.Detail is not null))
        {
            settingsShown[figure.Label] = figure == bpmn ? $"25.0.1, {figure.Detail}" : figure.Detail!;
        }

        var errors = all.SelectMany(f => f.Errors.Select(e => $"{f.Label}: {e}")).ToList();
        var report = new ScenarioReport("peers", settingsShown, metrics, all.Sum(f => f.ErrorCount), [.. errors.Take(5)]);
        return settings.Smoke ? report.WithoutTargets() : report;
    }

    /// <summary>The 1, 5 and 15 minute load averages: the machine is shared, so the report says how busy it was.</summary>
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
