using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Approval.Bench.Http;
using Approval.Bench.Reporting;
using Approval.Bench.Seeding;
using Approval.Bench.Service;
using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Persistence.Statistics;
using Approval.Security;
using Microsoft.EntityFrameworkCore;

namespace Approval.Bench.Screen;

/// <summary>
/// <c>screen</c>: every statistics endpoint of the one screen on a database holding a large history
/// (by default 1,000,000 cases and 5,000,000 tasks: SYNTHETIC rows written by set-based SQL with the
/// counters they imply, <see cref="SyntheticHistory"/>, beside <see cref="RealCases"/> cases run
/// through the engine), each called <see cref="Settings.Calls"/> times in turn by one supervisor; p50 and p95
/// per endpoint, target p95 under 200 ms. The deadline engine is off (the seeded open tasks are long
/// overdue; sweeping them is the <c>deadlines</c> scenario).
/// </summary>
public static class ScreenScenario
{
    public sealed record Settings(int FinishedCases, int OpenCases, int Calls, string? ServiceDll, bool Smoke);

    public const double TargetP95Milliseconds = 200;

    /// <summary>Cases run through the engine (with events) beside the synthetic history.</summary>
    public const int RealCases = 200;

    private static readonly Dictionary<string, string> NoSweeps = new() { ["Supervision__Enabled"] = "false" };

    public static async Task<ScenarioReport> RunAsync(Settings settings, IProgress<double>? progress = null)
    {
        var bundle = Bundle.Load();
        var folder = Directory.CreateTempSubdirectory("approval-bench-screen").FullName;
        try
        {
            var dll = settings.ServiceDll ?? RepoPaths.ServiceDll();
            var database = DatabaseTarget.SqliteFile(Path.Combine(folder, "screen.db"));
            await using (await ServiceProcess.StartAsync(dll, database, RepoPaths.Workflows, folder, TimeSpan.FromSeconds(60), NoSweeps))
            {
                // The first start migrates the file and publishes the bundle; seeding fills the migrated tables.
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var seedClock = Stopwatch.StartNew();
            // The history ends now, so the 30-day window and "today" hold seeded days.
            var now = DateTimeOffset.UtcNow;
            var synthetic = SyntheticHistory.SeedSqlite(database.ConnectionString, bundle.Definition, Bundle.WorkflowId, bundle.Calendar,
                new SyntheticHistory.Plan(settings.OpenCases, settings.FinishedCases, now - TimeSpan.FromDays(300), TimeSpan.FromDays(300), now));
            progress?.Report(0.7);
            // A few real cases (events, hash chain) through the pure engine, for the case diagram and so real and synthetic rows mix.
            var counters = new CounterChanges();
            HistorySeeder.Seed(database.ConnectionString, bundle, new HistorySeeder.Plan(RealCases / 2, RealCases / 2, now - TimeSpan.FromDays(20), TimeSpan.FromDays(20)),
                new Progress<double>(f => progress?.Report(0.7 + (f * 0.1))), counters);
            await WriteCountersAsync(database.ConnectionString, counters);
            var seedSeconds = seedClock.Elapsed.TotalSeconds;

            await using var service = await ServiceProcess.StartAsync(dll, database, RepoPaths.Workflows, folder, TimeSpan.FromSeconds(180), NoSweeps);
            using var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var issuer = new TokenIssuer(new JwtOptions { SigningKey = JwtOptions.DevelopmentSigningKey, Issuer = "approval", Audience = "approval-api" });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                issuer.Issue(new Clerk("boss@bench", "督查", [ClerkRoles.Supervisor], null), TimeSpan.FromHours(8)));

            var caseId = await AnyCaseAsync(database.ConnectionString);
            string[] endpoints =
            [
                "/api/supervision/screen",
                "/api/supervision/overview",
                "/api/supervision/departments/fire-rescue",
                "/api/supervision/departments/market-regulation",
                $"/api/supervision/cases/{caseId}/diagram",
                $"/api/supervision/workflows/{Bundle.WorkflowId}/1",
            ];
            var metrics = new List<Metric>();
            var errors = 0L;
            var samples = new List<string>();
            var cpuBefore = service.CpuTime();
            var calls = 0;
            for (var e = 0; e < endpoints.Length; e++)
            {
                var latencies = new List<double>(settings.Calls);
                for (var i = 0; i < settings.Calls + 3; i++)
                {
                    var clock = Stopwatch.StartNew();
                    using var response = await client.GetAsync(endpoints[e]);
                    _ = await response.Content.ReadAsByteArrayAsync();
                    var ms = clock.Elapsed.TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        errors++;
                        if (samples.Count < 5)
                        {
                            samples.Add($"{endpoints[e]}: HTTP {(int)response.StatusCode}");
                        }
                    }

                    // The first three calls warm the path (JIT, caches) and are not counted.
                    if (i >= 3)
                    {
                        latencies.Add(ms);
                        calls++;
                    }
                }

                latencies.Sort();
                var name = endpoints[e].Replace(caseId.ToString(), "{case}", StringComparison.Ordinal);
                metrics.Add(Metric.Below($"p95 {name}", Percentile(latencies, 0.95), "ms", TargetP95Milliseconds));
                metrics.Add(new Metric($"p50 {name}", Percentile(latencies, 0.50), "ms"));
                progress?.Report(0.8 + (0.2 * (e + 1) / endpoints.Length));
            }

            var cpu = (service.CpuTime() - cpuBefore).TotalMilliseconds;
            metrics.Add(new Metric("server CPU per call", calls == 0 ? 0 : cpu / calls, "ms"));
            metrics.Add(new Metric("history cases", settings.FinishedCases + settings.OpenCases, "cases"));
            metrics.Add(new Metric("history tasks", await CountTasksAsync(database.ConnectionString), "tasks"));
            metrics.Add(new Metric("database size", new FileInfo(Path.Combine(folder, "screen.db")).Length / 1024.0 / 1024.0, "MB"));
            metrics.Add(new Metric("seeding", seedSeconds, "s"));
            foreach (var (phase, seconds) in synthetic)
            {
                metrics.Add(new Metric($"seeding: {phase}", seconds, "s"));
            }

            var report = new ScenarioReport("screen", new Dictionary<string, string>
            {
                ["finished"] = settings.FinishedCases.ToString(CultureInfo.InvariantCulture),
                ["open"] = settings.OpenCases.ToString(CultureInfo.InvariantCulture),
                ["calls per endpoint"] = settings.Calls.ToString(CultureInfo.InvariantCulture),
                ["database"] = "Sqlite",
                ["history"] = $"synthetic (set-based SQL, no events) + {RealCases} engine cases",
            }, metrics, errors, samples);
            return settings.Smoke ? report.WithoutTargets() : report;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            HttpScenario.TryDelete(folder);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static ApprovalDbContext Open(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = connectionString });
        return new ApprovalDbContext(builder.Options);
    }

    private static async Task WriteCountersAsync(string connectionString, CounterChanges counters)
    {
        await using var db = Open(connectionString);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await CounterStore.AddAsync(db, counters, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static async Task<Guid> AnyCaseAsync(string connectionString)
    {
        // A real case: the synthetic ones have no events to draw the diagram from.
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM cases WHERE Status = 'Running' AND Id NOT LIKE '00000000-%' LIMIT 1";
        return Guid.Parse((string)(await command.ExecuteScalarAsync())!);
    }

    private static async Task<int> CountTasksAsync(string connectionString)
    {
        await using var db = Open(connectionString);
        return await db.Tasks.CountAsync();
    }
}
