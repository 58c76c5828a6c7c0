using System.Diagnostics;
using System.Globalization;
using Approval.Bench.Reporting;

namespace Approval.Bench.Engine;

/// <summary>
/// <c>engine</c>: the pure engine, in process, one thread: intake → five approvals → delivery per case.
/// Measures cases/s, transitions (events)/s and bytes allocated per case on the measuring thread.
/// </summary>
public static class EngineScenario
{
    public sealed record Settings(int Cases, int WarmupCases, bool Smoke);

    public const double TargetTransitionsPerSecond = 100_000;

    /// <summary>What one timed run of the pure engine measured; the <c>peers</c> scenario reports the same run beside its peers.</summary>
    /// <param name="ProcessorTime">The process's CPU time over the timed loop (all threads: GC and tiering included).</param>
    public sealed record Measurement(int Cases, long Events, TimeSpan Elapsed, TimeSpan ProcessorTime, long AllocatedBytes, IReadOnlyList<string> Errors)
    {
        public double CasesPerSecond => Cases / Elapsed.TotalSeconds;
    }

    public static ScenarioReport Run(Settings settings, IProgress<double>? progress = null)
    {
        var run = Measure(settings.Cases, settings.WarmupCases, progress);
        var seconds = run.Elapsed.TotalSeconds;
        var transitions = run.Events / seconds;
        var metrics = new List<Metric>
        {
            new("cases/s", run.CasesPerSecond, "cases/s"),
            Metric.AtLeast("transitions/s", transitions, "events/s", TargetTransitionsPerSecond),
            new("events per case", (double)run.Events / settings.Cases, "events"),
            new("time per case", run.Elapsed.TotalMicroseconds / settings.Cases, "µs"),
            new("allocated per case", (double)run.AllocatedBytes / settings.Cases, "bytes"),
            new("allocated per event", run.Events == 0 ? 0 : (double)run.AllocatedBytes / run.Events, "bytes"),
        };
        var report = new ScenarioReport("engine", new Dictionary<string, string>
        {
            ["cases"] = settings.Cases.ToString(CultureInfo.InvariantCulture),
            ["warmup"] = settings.WarmupCases.ToString(CultureInfo.InvariantCulture),
            ["workflow"] = Bundle.WorkflowId,
        }, metrics, run.Errors.Count, [.. run.Errors.Take(5)]);
        return settings.Smoke ? report.WithoutTargets() : report;
    }

    /// <summary>Warms up, then drives <paramref name="cases"/> cases one after another on this thread and times them.</summary>
    public static Measurement Measure(int cases, int warmupCases, IProgress<double>? progress = null)
    {
        var bundle = Bundle.Load();
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

        // Warm-up: JIT, tiered compilation and the calendar's caches, so the figure is the steady state.
        for (var i = 0; i < warmupCases; i++)
        {
            RunCase(bundle, start);
        }

        long events = 0;
        var errors = new List<string>();
        var reportEvery = Math.Max(1, cases / 100);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            try
            {
                events += RunCase(bundle, start);
            }
            catch (InvalidOperationException ex)
            {
                errors.Add(ex.Message);
            }

            if (i % reportEvery == 0)
            {
                progress?.Report((double)i / cases);
            }
        }

        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return new Measurement(cases, events, clock.Elapsed, cpu, allocated, errors);
    }

    private static int RunCase(Bundle bundle, DateTimeOffset start)
    {
        var run = new PureCase(bundle, Guid.NewGuid(), start);
        run.Start();
        run.ApproveAll();
        run.Deliver();
        if (run.State.Status != Approval.Engine.Cases.CaseStatus.Completed)
        {
            throw new InvalidOperationException($"The case ended {run.State.Status}, not Completed.");
        }

        return run.Events.Count;
    }
}
