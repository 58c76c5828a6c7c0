using System.Diagnostics;
using System.Globalization;
using Approval.Bench.Http;
using Approval.Bench.Reporting;
using Approval.Bench.Seeding;
using Approval.Bench.Service;

namespace Approval.Bench.Scale;

/// <summary>
/// <c>scale</c>: the <c>http</c> load twice in one run — on an empty database (the baseline), then on one
/// already holding a large history (finished and open cases, with their events and tasks) and 100
/// published versions of the bundle — and the ratio of their p99 latencies. Both runs use the same
/// service settings; the deadline engine is off in both, because the seeded open tasks are long
/// overdue and sweeping them is the <c>deadlines</c> scenario's workload, not this one's.
/// </summary>
public static class ScaleScenario
{
    public sealed record Settings(int FinishedCases, int OpenCases, int Versions, LoadSettings Load, string? ServiceDll, bool Smoke);

    public const double TargetP99Ratio = 1.5;

    private static readonly Dictionary<string, string> NoSweeps = new() { ["Supervision__Enabled"] = "false" };

    public static async Task<ScenarioReport> RunAsync(Settings settings, IProgress<double>? progress = null)
    {
        var bundle = Bundle.Load();
        var folder = Directory.CreateTempSubdirectory("approval-bench-scale").FullName;
        try
        {
            var dll = settings.ServiceDll ?? RepoPaths.ServiceDll();
            var empty = await LoadAsync(dll, DatabaseTarget.SqliteFile(Path.Combine(folder, "empty.db")), folder, bundle, settings.Load, null);
            progress?.Report(0.1);

            // The service migrates the file on its first start; seeding then fills the migrated tables.
            var history = DatabaseTarget.SqliteFile(Path.Combine(folder, "history.db"));
            await using (await ServiceProcess.StartAsync(dll, history, RepoPaths.Workflows, folder, TimeSpan.FromSeconds(60), NoSweeps))
            {
            }

            // Versions first, so the shipped file is published after them, as the newest.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using (var clear = new Microsoft.Data.Sqlite.SqliteConnection(history.ConnectionString))
            {
                clear.Open();
                using var command = clear.CreateCommand();
                command.CommandText = "DELETE FROM workflow_versions";
                command.ExecuteNonQuery();
            }

            VersionSeeder.Seed(history.ConnectionString, settings.Versions);
            var seedClock = Stopwatch.StartNew();
            var plan = new HistorySeeder.Plan(settings.OpenCases, settings.FinishedCases,
                new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)), TimeSpan.FromDays(300), settings.Versions);
            HistorySeeder.Seed(history.ConnectionString, bundle, plan, new Progress<double>(f => progress?.Report(0.1 + (f * 0.7))));
            var seedSeconds = seedClock.Elapsed.TotalSeconds;

            var full = await LoadAsync(dll, history, folder, bundle, settings.Load, new Progress<double>(f => progress?.Report(0.8 + (f * 0.2))));
            var ratio = empty.P99 == 0 ? 0 : full.P99 / empty.P99;
            var metrics = new List<Metric>
            {
                Metric.Below("p99 ratio (history / empty)", ratio, "×", TargetP99Ratio) with { Target = $"< {TargetP99Ratio:0.0}" },
                new("p99, empty database", empty.P99, "ms"),
                new("p99, with history", full.P99, "ms"),
                new("cases/s, empty database", empty.Metrics.First(m => m.Name == "complete cases/s").Value, "cases/s"),
                new("cases/s, with history", full.Metrics.First(m => m.Name == "complete cases/s").Value, "cases/s"),
                new("peak RSS, with history", full.Metrics.FirstOrDefault(m => m.Name == "server peak RSS")?.Value ?? 0, "MB"),
                new("history cases", settings.FinishedCases + settings.OpenCases, "cases"),
                new("database size", new FileInfo(Path.Combine(folder, "history.db")).Length / 1024.0 / 1024.0, "MB"),
                new("seeding", seedSeconds, "s"),
            };
            var report = new ScenarioReport("scale", new Dictionary<string, string>(HttpLoad.Describe(settings.Load))
            {
                ["finished"] = settings.FinishedCases.ToString(CultureInfo.InvariantCulture),
                ["open"] = settings.OpenCases.ToString(CultureInfo.InvariantCulture),
                ["versions"] = settings.Versions.ToString(CultureInfo.InvariantCulture),
                ["database"] = "Sqlite",
            }, metrics, empty.Errors + full.Errors, [.. empty.ErrorSamples.Concat(full.ErrorSamples).Take(5)]);
            return settings.Smoke ? report.WithoutTargets() : report;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            HttpScenario.TryDelete(folder);
        }
    }

    private static async Task<HttpLoad.Result> LoadAsync(string dll, DatabaseTarget database, string folder, Bundle bundle, LoadSettings load, IProgress<double>? progress)
    {
        await using var service = await ServiceProcess.StartAsync(dll, database, RepoPaths.Workflows, folder, TimeSpan.FromSeconds(120), NoSweeps);
        return await HttpLoad.RunAsync(service.BaseAddress, service, bundle, load, progress);
    }
}
