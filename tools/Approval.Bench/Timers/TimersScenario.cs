using System.Diagnostics;
using System.Globalization;
using Approval.Bench.Reporting;
using Approval.Bench.Seeding;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Supervision;
using Approval.Persistence.Workflows;
using Approval.Supervision.Timers;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Bench.Timers;

/// <summary>
/// <c>timers</c>: many open tasks in a SQLite file, then the service's real deadline engine — a
/// Hangfire server (in-memory storage, as on SQLite) with the default settings — on a business
/// clock that flows at wall speed from just before the earliest alert point. The start-up safety
/// net makes the timers of the horizon; the scenario measures how late each card of that instant is
/// recorded (IssuedAt − CardAt), how long its alert then takes to leave (DeliveredAt − IssuedAt),
/// how many Hangfire jobs are alive, and the process's CPU while idle afterwards.
/// </summary>
public static class TimersScenario
{
    public sealed record Settings(int OpenTasks, TimeSpan Lead, TimeSpan Idle, bool Smoke);

    public const double TargetCardP99Seconds = 2;
    public const double TargetAlertP99Seconds = 1;

    public static async Task<ScenarioReport> RunAsync(Settings settings, IProgress<double>? progress = null)
    {
        var bundle = Bundle.Load();
        var folder = Directory.CreateTempSubdirectory("approval-bench-timers").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "approval.db")}";
        try
        {
            await using (var setup = new Deadlines.SupervisionNode(connectionString, bundle, TimeProvider.System))
            {
                await setup.MigrateAsync();
            }

            var tasksPerCase = bundle.Definition.Steps.SelectMany(s => s.Children).Count();
            var plan = new HistorySeeder.Plan(settings.OpenTasks / tasksPerCase, 0, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)), TimeSpan.FromDays(300));
            var alerts = HistorySeeder.Seed(connectionString, bundle, plan, new Progress<double>(f => progress?.Report(f * 0.6)));
            alerts.Sort();
            var instant = alerts[0];
            var atInstant = alerts.Count(a => a == instant);
            var clock = new ShiftedClock(new DateTimeOffset(instant, TimeSpan.Zero) - settings.Lead - DateTimeOffset.UtcNow);

            using var host = Build(connectionString, bundle, clock);
            await host.StartAsync();
            var storage = host.Services.GetRequiredService<JobStorage>();
            var databases = host.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>();
            var watch = Stopwatch.StartNew();
            long alive = 0;
            var deadline = settings.Lead + TimeSpan.FromSeconds(60);
            List<SupervisionCardRow> cards = [];
            while (watch.Elapsed < deadline)
            {
                alive = Math.Max(alive, storage.GetMonitoringApi().ScheduledCount());
                await using var db = await databases.CreateDbContextAsync();
                cards = await db.Set<SupervisionCardRow>().AsNoTracking().Where(c => c.CardAt == instant).ToListAsync();
                if (cards.Count >= atInstant && await db.Set<OutboxMessageRow>().AllAsync(m => m.Status == OutboxStatus.Delivered))
                {
                    break;
                }

                await Task.Delay(200);
            }

            progress?.Report(0.8);
            List<OutboxMessageRow> delivered;
            await using (var db = await databases.CreateDbContextAsync())
            {
                delivered = await db.Set<OutboxMessageRow>().AsNoTracking().Where(m => m.DeliveredAt != null).ToListAsync();
            }

            var issuedAt = cards.ToDictionary(c => c.Id, c => c.IssuedAt);
            var cardLate = cards.Select(c => (c.IssuedAt - c.CardAt).TotalSeconds).Order().ToList();
            var alertLate = delivered.Where(m => issuedAt.ContainsKey(m.EventId)).Select(m => (m.DeliveredAt!.Value - issuedAt[m.EventId]).TotalSeconds).Order().ToList();

            // Idle: nothing due for hours, every timer of the horizon waiting in Hangfire.
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var idleWatch = Stopwatch.StartNew();
            await Task.Delay(settings.Idle);
            process.Refresh();
            var idleCpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / idleWatch.Elapsed.TotalMilliseconds * 100;
            var aliveIdle = storage.GetMonitoringApi().ScheduledCount();
            var pump = host.Services.GetRequiredService<TimerPump>();
            await host.StopAsync();
            progress?.Report(1);

            long openTasks;
            await using (var db = await databases.CreateDbContextAsync())
            {
                openTasks = await db.Tasks.LongCountAsync(t => t.Status == "Open");
            }

            var errors = new List<string>();
            if (cards.Count < atInstant)
            {
                errors.Add($"{cards.Count} of {atInstant} cards of the first instant were recorded within a minute");
            }

            if (alertLate.Count < cards.Count)
            {
                errors.Add($"{alertLate.Count} of {cards.Count} alerts were delivered");
            }

            var report = new ScenarioReport("timers", new Dictionary<string, string>
            {
                ["open tasks"] = openTasks.ToString(CultureInfo.InvariantCulture),
                ["storage"] = "Hangfire.InMemory (Database:Provider Sqlite)",
                ["horizon"] = host.Services.GetRequiredService<IOptions<Approval.Supervision.SupervisionOptions>>().Value.TimerHorizon.ToString(),
            },
            [
                Metric.Below("card late p99", Percentile(cardLate, 0.99), "s", TargetCardP99Seconds),
                new("card late p50", Percentile(cardLate, 0.5), "s"),
                new("card late max", cardLate.Count == 0 ? 0 : cardLate[^1], "s"),
                Metric.Below("alert after card p99", Percentile(alertLate, 0.99), "s", TargetAlertP99Seconds),
                new("alert after card p50", Percentile(alertLate, 0.5), "s"),
                new("cards at the instant", cards.Count, "cards"),
                new("Hangfire jobs alive (peak)", alive, "jobs"),
                new("Hangfire jobs alive (idle)", aliveIdle, "jobs"),
                new("timers scheduled by commits", pump.Scheduled, "jobs"),
                new("idle CPU", idleCpu, "% of one core"),
                new("open tasks seeded", openTasks, "tasks"),
            ], errors.Count, errors);
            return settings.Smoke ? report.WithoutTargets() : report;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Http.HttpScenario.TryDelete(folder);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static IHost Build(string connectionString, Bundle bundle, TimeProvider clock)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProvider.Sqlite,
            ["Database:ConnectionString"] = connectionString,
        });
        builder.Logging.AddFilter(_ => false);
        var services = builder.Services;
        services.AddSingleton(clock);
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section));
        services.AddPooledDbContextFactory<ApprovalDbContext>((sp, o) => DatabaseSetup.Configure(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton(bundle.Calendar);
        var catalog = new WorkflowCatalog();
        catalog.Register(bundle.Published());
        services.AddSingleton(catalog);
        services.AddSingleton<CaseStore>();
        services.AddApprovalSupervision(builder.Configuration);
        return builder.Build();
    }
}
