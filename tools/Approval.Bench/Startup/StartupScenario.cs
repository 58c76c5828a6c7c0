using System.Globalization;
using Approval.Bench.Reporting;
using Approval.Bench.Service;

namespace Approval.Bench.Startup;

/// <summary>
/// <c>startup</c>: process start to the first 200 from <c>/health</c>, with N definitions in the
/// workflows folder. The first start is cold (empty database: migrate, then validate and publish every
/// definition); the restarts find them published and only load and compare them.
/// </summary>
public static class StartupScenario
{
    public sealed record Settings(int Definitions, int Restarts, string? ServiceDll, bool Smoke);

    public const double TargetReadySeconds = 3;

    public static async Task<ScenarioReport> RunAsync(Settings settings, IProgress<double>? progress = null)
    {
        var folder = Directory.CreateTempSubdirectory("approval-bench-startup").FullName;
        try
        {
            var workflows = BundleVariants.Create(Path.Combine(folder, "workflows"), settings.Definitions);
            var database = DatabaseTarget.SqliteFile(Path.Combine(folder, "approval.db"));
            var dll = settings.ServiceDll ?? RepoPaths.ServiceDll();
            var ready = new List<double>();
            var rss = 0L;
            for (var run = 0; run <= settings.Restarts; run++)
            {
                await using var service = await ServiceProcess.StartAsync(dll, database, workflows, folder, TimeSpan.FromSeconds(60));
                ready.Add(service.ReadyAfter.TotalSeconds);
                rss = Math.Max(rss, service.PeakRssBytes());
                progress?.Report((run + 1.0) / (settings.Restarts + 1));
            }

            var restarts = ready.Skip(1).Order().ToList();
            var metrics = new List<Metric> { Metric.Below("ready, cold (publishes all)", ready[0], "s", TargetReadySeconds) };
            if (restarts.Count > 0)
            {
                metrics.Add(Metric.Below("ready, restart (median)", restarts[restarts.Count / 2], "s", TargetReadySeconds));
                metrics.Add(new Metric("ready, restart (max)", restarts[^1], "s"));
            }

            metrics.Add(new Metric("peak RSS after start", rss / 1024.0 / 1024.0, "MB"));
            var report = new ScenarioReport("startup", new Dictionary<string, string>
            {
                ["definitions"] = settings.Definitions.ToString(CultureInfo.InvariantCulture),
                ["restarts"] = settings.Restarts.ToString(CultureInfo.InvariantCulture),
                ["database"] = "Sqlite",
            }, metrics, 0, []);
            return settings.Smoke ? report.WithoutTargets() : report;
        }
        finally
        {
            Http.HttpScenario.TryDelete(folder);
        }
    }
}
