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

    public static ScenarioReport Run(Settings settings, IProgress<double>? progress = null)
    {
        var bundle = Bundle.Load();
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

        // Warm-up: JIT, tiered compilation and the calendar's caches, so the figure is the steady state.
        for (var i = 0; i < settings.WarmupCases; i++)
        {
            RunCase(bundle, start);
        }

        long events = 0;
        var errors = new List<string>();
        var reportEvery = Math.Max(1, settings.Cases / 100);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < settings.Cases; i++)
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
                progress?.Report((double)i / settings.Cases);
            }
        }

        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var seconds = clock.Elapsed.TotalSeconds;
        var transitions = events / seconds;
        var metrics = new List<Metric>
        {
            new("cases/s", settings.Cases / seconds, "cases/s"),
            Metric.AtLeast("transitions/s", transitions, "events/s", TargetTransitionsPerSecond),
            new("events per case", (double)events / settings.Cases, "events"),
            new("time per case", clock.Elapsed.TotalMicroseconds / settings.Cases, "µs"),
            new("allocated per case", (double)allocated / settings.Cases, "bytes"),
            new("allocated per event", events == 0 ? 0 : (double)allocated / events, "bytes"),
        };
        var report = new ScenarioReport("engine", new Dictionary<string, string>
        {
            ["cases"] = settings.Cases.ToString(CultureInfo.InvariantCulture),
            ["warmup"] = settings.WarmupCases.ToString(CultureInfo.InvariantCulture),
            ["workflow"] = Bundle.WorkflowId,
        }, metrics, errors.Count, [.. errors.Take(5)]);
        return settings.Smoke ? report.WithoutTargets() : report;
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
