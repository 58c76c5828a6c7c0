using System.Diagnostics;
using System.Globalization;
using Approval.Bench.Reporting;
using Approval.Bench.Seeding;
using Approval.Bench.Service;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Supervision;
using Approval.Persistence.Workflows;
using Approval.Supervision.Sweep;
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
/// <c>timers</c>: many open tasks in a SQLite file (or a local PostgreSQL), then the service's real
/// deadline engine — a Hangfire server (in-memory storage on SQLite, Hangfire.PostgreSql on
/// PostgreSQL) with the default settings — on a business clock that flows at wall speed from just
/// before the earliest alert point. The start-up safety net makes the timers of the horizon; the
/// scenario measures how late each card of that instant is recorded (IssuedAt − CardAt), how long
/// the whole instant takes to card and at what CPU per card, how long its alerts then take to leave
/// (DeliveredAt − IssuedAt), how many Hangfire jobs are alive, and the process's CPU while idle.
/// </summary>
/// <remarks>
/// With a due burst, that many deadlines (whole cases, all their tasks opened at one instant) reach
/// their yellow point at the same instant, before any other seeded deadline.
/// </remarks>
public static class TimersScenario
{
    /// <param name="OpenTasks">Open tasks in all, burst included (five per case).</param>
    /// <param name="Lead">How long before the instant the business clock starts (the safety net schedules the timers meanwhile).</param>
    /// <param name="Idle">How long idle CPU is measured after the instant's cards and alerts.</param>
    /// <param name="DueBurst">Deadlines due at one instant (0: the first instant of the spread-out cases).</param>
    /// <param name="Postgres">A throw-away local PostgreSQL instead of a SQLite file.</param>
    /// <param name="TimerLead">Supervision:TimerLead; null for the service's default.</param>
    /// <param name="WarmBurst">
    /// Deadlines already overdue when the service starts, so its start-up catch-up cards them during
    /// the lead, before the watched instant: the sweep's code is then compiled (tiered JIT) as in a
    /// service that has been running, instead of on the watched burst's own CPU.
    /// </param>
    /// <param name="WarmRounds">
    /// How many times the warm-up burst is carded: the first by the start-up catch-up, each further one
    /// seeded while the service runs and carded by a sweep, before the watched instant. One round runs
    /// the code while the tiered JIT is still compiling it for the first time, and the JIT only starts
    /// counting calls once no new method has been compiled for 100 ms, so the promotions to optimized
    /// code then fall in the watched burst; a second round has them made before it, as the earlier
    /// instants of a service that has been running have.
    /// </param>
    public sealed record Settings(int OpenTasks, TimeSpan Lead, TimeSpan Idle, bool Smoke, int DueBurst = 0, bool Postgres = false, TimeSpan? TimerLead = null, int WarmBurst = 0, int WarmRounds = 1);

    /// <summary>Wall time given to each warm-up round after the first, before the watched instant.</summary>
    private static readonly TimeSpan WarmRoundLead = TimeSpan.FromSeconds(25);

    public const double TargetCardP99Seconds = 2;
    public const double TargetAlertP99Seconds = 1;
    public const double TargetBurstSeconds = 5;

    /// <summary>Before any spread-out case starts: the burst's instant comes first.</summary>
    private static readonly DateTimeOffset BurstStart = new(2025, 12, 22, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly DateTimeOffset SpreadFrom = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// Four weeks before the burst: every alert point of the warm-up's cases (the last escalation of
    /// the case's own limit is about nine working days after intake) is past, so none falls on the
    /// watched instant, a working-day close like theirs.
    /// </summary>
    private static readonly DateTimeOffset WarmStart = BurstStart.AddDays(-28);

    public static async Task<ScenarioReport> RunAsync(Settings settings, IProgress<double>? progress = null)
    {
        var bundle = Bundle.Load();
        var folder = Directory.CreateTempSubdirectory("approval-bench-timers").FullName;
        try
        {
            await using var postgres = settings.Postgres ? await PostgresCluster.StartAsync() : null;
            var database = postgres?.Target() ?? DatabaseTarget.SqliteFile(Path.Combine(folder, "approval.db"));
            return await RunOnAsync(settings, bundle, database, progress);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Npgsql.NpgsqlConnection.ClearAllPools();
            Http.HttpScenario.TryDelete(folder);
        }
    }

    private static async Task<ScenarioReport> RunOnAsync(Settings settings, Bundle bundle, DatabaseTarget database, IProgress<double>? progress)
    {
        await MigrateAsync(database);
        var tasksPerCase = bundle.Definition.Steps.SelectMany(s => s.Children).Count();
        var seedWatch = Stopwatch.StartNew();
        var (alerts, instant) = Seed(settings, bundle, database, tasksPerCase, progress);
        var seedSeconds = seedWatch.Elapsed.TotalSeconds;
        var atInstant = alerts.Count(a => a == instant);
        var extraRounds = settings.WarmBurst > 0 ? Math.Max(0, settings.WarmRounds - 1) : 0;
        var instantWall = DateTimeOffset.UtcNow + settings.Lead + (WarmRoundLead * extraRounds);
        var clock = new ShiftedClock(new DateTimeOffset(instant, TimeSpan.Zero) - instantWall);

        using var host = Build(database, bundle, clock, settings.TimerLead);
        await host.StartAsync();
        var storage = host.Services.GetRequiredService<JobStorage>();
        var databases = host.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>();
        var process = Process.GetCurrentProcess();
        long alive = 0;
        var warmLate = false;
        if (extraRounds > 0)
        {
            var sweeper = host.Services.GetRequiredService<DeadlineSweeper>();
            await sweeper.SweepAsync(); // after the start-up catch-up's own sweep: the first round is carded
            for (var round = 0; round < extraRounds; round++)
            {
                await Task.Run(() => SeedWarm(settings, bundle, database, tasksPerCase));
                await sweeper.SweepAsync();
            }

            warmLate = DateTimeOffset.UtcNow >= instantWall;
        }

        while (DateTimeOffset.UtcNow < instantWall)
        {
            alive = Math.Max(alive, JobsAlive(storage));
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp((instantWall - DateTimeOffset.UtcNow).TotalMilliseconds, 1, 200)));
        }

        // The window of the instant: from the instant until its last card, on this process's CPU.
        process.Refresh();
        var cpuAtInstant = process.TotalProcessorTime;
        var window = Stopwatch.StartNew();
        var cpuCarded = TimeSpan.Zero;
        var carded = false;
        var allDelivered = false;
        var deadline = TimeSpan.FromSeconds(60);
        while (window.Elapsed < deadline && !allDelivered)
        {
            await using var db = await databases.CreateDbContextAsync();
            if (!carded && await db.Set<SupervisionCardRow>().CountAsync(c => c.CardAt == instant) >= atInstant)
            {
                process.Refresh();
                cpuCarded = process.TotalProcessorTime - cpuAtInstant;
                carded = true;
            }

            allDelivered = carded && !await db.Set<OutboxMessageRow>().AnyAsync(m => m.Status != OutboxStatus.Delivered);
            if (!carded)
            {
                alive = Math.Max(alive, JobsAlive(storage));
            }

            await Task.Delay(carded ? 200 : 50);
        }

        if (!carded)
        {
            process.Refresh();
            cpuCarded = process.TotalProcessorTime - cpuAtInstant;
        }

        progress?.Report(0.8);
        List<SupervisionCardRow> cards;
        List<OutboxMessageRow> delivered;
        int warmCards;
        await using (var db = await databases.CreateDbContextAsync())
        {
            cards = await db.Set<SupervisionCardRow>().AsNoTracking().Where(c => c.CardAt == instant).ToListAsync();
            warmCards = await db.Set<SupervisionCardRow>().CountAsync(c => c.CardAt < instant);
            delivered = await db.Set<OutboxMessageRow>().AsNoTracking().Where(m => m.DeliveredAt != null).ToListAsync();
        }

        var issuedAt = cards.ToDictionary(c => c.Id, c => c.IssuedAt);
        var cardLate = cards.Select(c => (c.IssuedAt - c.CardAt).TotalSeconds).Order().ToList();
        var alertLate = delivered.Where(m => issuedAt.ContainsKey(m.EventId)).Select(m => (m.DeliveredAt!.Value - issuedAt[m.EventId]).TotalSeconds).Order().ToList();
        var burstSeconds = cards.Count == 0 ? double.NaN : (cards.Max(c => c.IssuedAt) - instant).TotalSeconds;

        // Idle: nothing due for hours, every timer of the horizon waiting in Hangfire.
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var idleWatch = Stopwatch.StartNew();
        await Task.Delay(settings.Idle);
        process.Refresh();
        var idleCpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / idleWatch.Elapsed.TotalMilliseconds * 100;
        var aliveIdle = JobsAlive(storage);
        var pump = host.Services.GetRequiredService<TimerPump>();
        var options = host.Services.GetRequiredService<IOptions<Approval.Supervision.SupervisionOptions>>().Value;
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
            errors.Add($"{cards.Count} of {atInstant} cards of the instant were recorded within a minute");
        }

        if (warmLate)
        {
            errors.Add($"the warm-up rounds ran past the instant ({WarmRoundLead.TotalSeconds:F0} s each was not enough)");
        }

        if (alertLate.Count < cards.Count)
        {
            errors.Add($"{alertLate.Count} of {cards.Count} alerts were delivered");
        }

        var burst = settings.DueBurst > 0;
        var report = new ScenarioReport("timers", new Dictionary<string, string>
        {
            ["open tasks"] = openTasks.ToString(CultureInfo.InvariantCulture),
            ["database"] = database.Provider,
            ["storage"] = database.Provider == DatabaseProvider.PostgreSql ? "Hangfire.PostgreSql (same server)" : "Hangfire.InMemory",
            ["horizon"] = options.TimerHorizon.ToString(),
            ["timer lead"] = options.TimerLead.ToString(),
            ["sweep parallelism"] = options.SweepParallelism.ToString(CultureInfo.InvariantCulture),
            ["due burst"] = burst ? settings.DueBurst.ToString(CultureInfo.InvariantCulture) : "none (the first instant of the spread)",
            ["warm-up burst"] = settings.WarmBurst > 0
                ? $"{settings.WarmBurst} overdue deadlines carded at start" + (extraRounds > 0 ? $", then {extraRounds} more round(s) of them while running" : "")
                : "none (the watched burst runs cold code)",
            ["seeding"] = $"{seedSeconds:F0} s",
        },
        [
            Metric.Below("card late p99", Percentile(cardLate, 0.99), "s", TargetCardP99Seconds),
            new("card late p50", Percentile(cardLate, 0.5), "s"),
            new("card late max", cardLate.Count == 0 ? 0 : cardLate[^1], "s"),
            burst ? Metric.Below("time to card the instant", burstSeconds, "s", TargetBurstSeconds) : new("time to card the instant", burstSeconds, "s"),
            new("CPU per card", cards.Count == 0 ? double.NaN : cpuCarded.TotalMilliseconds / cards.Count, "ms"),
            Metric.Below("alert after card p99", Percentile(alertLate, 0.99), "s", TargetAlertP99Seconds),
            new("alert after card p50", Percentile(alertLate, 0.5), "s"),
            new("deadlines due at the instant", atInstant, "deadlines"),
            new("cards at the instant", cards.Count, "cards"),
            new("warm-up cards (before the instant)", warmCards, "cards"),
            new("Hangfire jobs alive (peak)", alive, "jobs"),
            new("Hangfire jobs alive (idle)", aliveIdle, "jobs"),
            new("timers scheduled by commits", pump.Scheduled, "deadlines"),
            new("idle CPU", idleCpu, "% of one core"),
            new("open tasks seeded", openTasks, "tasks"),
        ], errors.Count, errors);
        return settings.Smoke ? report.WithoutTargets() : report;
    }

    /// <summary>The burst's cases (all started at one instant) and the spread-out rest; returns every alert point and the instant watched.</summary>
    private static (List<DateTime> Alerts, DateTime Instant) Seed(Settings settings, Bundle bundle, DatabaseTarget database, int tasksPerCase, IProgress<double>? progress)
    {
        using var writer = HistorySeeder.WriterFor(database);
        var burstCases = 0;
        if (settings.DueBurst > 0)
        {
            // How many deadlines of one such case share its first alert point (tasks with the same limit, and the case's own).
            var probe = SeededCase.Make(bundle, BurstStart, false, 1);
            var points = probe.Tasks.Select(t => t.NextAlertAt).Append(probe.Case.NextAlertAt).OfType<DateTime>().ToList();
            var perCase = points.Count(p => p == points.Min());
            burstCases = (settings.DueBurst + perCase - 1) / perCase;
        }

        var spreadCases = Math.Max(0, settings.OpenTasks - (burstCases * tasksPerCase)) / tasksPerCase;
        var share = (double)burstCases / Math.Max(1, burstCases + spreadCases);
        var alerts = new List<DateTime>();
        DateTime? instant = null;
        if (settings.WarmBurst > 0)
        {
            SeedWarm(writer, settings, bundle, tasksPerCase);
        }

        if (burstCases > 0)
        {
            var burst = HistorySeeder.Seed(writer, bundle, new HistorySeeder.Plan(burstCases, 0, BurstStart, TimeSpan.Zero), new Progress<double>(f => progress?.Report(f * share * 0.6)));
            instant = burst.Min();
            alerts.AddRange(burst);
        }

        var spread = HistorySeeder.Seed(writer, bundle, new HistorySeeder.Plan(spreadCases, 0, SpreadFrom, TimeSpan.FromDays(300)), new Progress<double>(f => progress?.Report((share + (f * (1 - share))) * 0.6)));
        alerts.AddRange(spread);
        return (alerts, instant ?? spread.Min());
    }

    /// <summary>One warm-up round's cases: their alert points are before the watched instant, so they are neither in it nor in its window.</summary>
    private static void SeedWarm(ISeedWriter writer, Settings settings, Bundle bundle, int tasksPerCase) =>
        HistorySeeder.Seed(writer, bundle, new HistorySeeder.Plan((settings.WarmBurst + tasksPerCase - 1) / tasksPerCase, 0, WarmStart, TimeSpan.Zero), null);

    private static void SeedWarm(Settings settings, Bundle bundle, DatabaseTarget database, int tasksPerCase)
    {
        using var writer = HistorySeeder.WriterFor(database);
        SeedWarm(writer, settings, bundle, tasksPerCase);
    }

    private static long JobsAlive(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        return monitoring.ScheduledCount() + monitoring.EnqueuedCount("default") + monitoring.ProcessingCount();
    }

    private static async Task MigrateAsync(DatabaseTarget database)
    {
        var builder = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString });
        await using var db = new ApprovalDbContext(builder.Options);
        await DatabaseSetup.MigrateAsync(db);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static IHost Build(DatabaseTarget database, Bundle bundle, TimeProvider clock, TimeSpan? timerLead)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["Database:ConnectionString"] = database.ConnectionString,
        };
        if (timerLead is { } lead)
        {
            configuration["Supervision:TimerLead"] = lead.ToString();
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddFilter(_ => false);
        var services = builder.Services;
        services.AddSingleton(clock);
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(bundle.Calendar);
        var catalog = new WorkflowCatalog();
        catalog.Register(bundle.Published());
        services.AddSingleton(catalog);
        services.AddApprovalPersistence();
        services.AddApprovalSupervision(builder.Configuration);
        return builder.Build();
    }
}
