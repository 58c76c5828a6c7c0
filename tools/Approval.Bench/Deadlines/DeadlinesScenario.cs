using System.Diagnostics;
using System.Globalization;
using Approval.Bench.Reporting;
using Approval.Bench.Seeding;
using Approval.Persistence.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Bench.Deadlines;

/// <summary>
/// <c>deadlines</c>: a SQLite file with many open tasks (deadlines spread over 2026), then the
/// deadline engine's own sweep, driven directly with a fake clock: an idle pass (nothing due: the
/// sweep's indexed queries only) and a pass with a given number of deadlines due (cards, alerts).
/// </summary>
public static class DeadlinesScenario
{
    public sealed record Settings(int OpenTasks, int Due, bool Smoke);

    public const double TargetIdleMilliseconds = 20;
    public const double TargetDueSeconds = 10;

    public static async Task<ScenarioReport> RunAsync(Settings settings, IProgress<double>? progress = null)
    {
        var bundle = Bundle.Load();
        var folder = Directory.CreateTempSubdirectory("approval-bench-deadlines").FullName;
        var connectionString = $"Data Source={Path.Combine(folder, "approval.db")}";
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        try
        {
            await using var node = new SupervisionNode(connectionString, bundle, clock);
            await node.MigrateAsync();

            var tasksPerCase = bundle.Definition.Steps.SelectMany(s => s.Children).Count();
            var plan = new HistorySeeder.Plan(settings.OpenTasks / tasksPerCase, 0,
                new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)), TimeSpan.FromDays(300));
            var seedClock = Stopwatch.StartNew();
            var alerts = HistorySeeder.Seed(connectionString, bundle, plan, new Progress<double>(f => progress?.Report(f * 0.8)));
            var seedSeconds = seedClock.Elapsed.TotalSeconds;
            alerts.Sort();

            // Idle: the clock just before the earliest alert point; the sweep finds nothing.
            clock.SetUtcNow(new DateTimeOffset(alerts[0].AddSeconds(-1), TimeSpan.Zero));
            for (var i = 0; i < 3; i++)
            {
                await node.Sweeper.SweepAsync();
            }

            var idle = new List<double>();
            for (var i = 0; i < 21; i++)
            {
                var sw = Stopwatch.StartNew();
                var nothing = await node.Sweeper.SweepAsync();
                idle.Add(sw.Elapsed.TotalMilliseconds);
                if (nothing.Issued + nothing.Failed > 0)
                {
                    throw new InvalidOperationException("The idle sweep found something due.");
                }
            }

            idle.Sort();

            // Due: the clock at the latest alert point with at most N deadlines (task and case) due by it.
            // Deadlines end at the close of a working day, so many share an instant: step back past ties.
            var due = Math.Min(settings.Due, alerts.Count);
            while (due > 1 && due < alerts.Count && alerts[due] == alerts[due - 1])
            {
                due--;
            }

            clock.SetUtcNow(new DateTimeOffset(alerts[due - 1], TimeSpan.Zero));
            var dueClock = Stopwatch.StartNew();
            var result = await node.Sweeper.SweepAsync();
            var dueSeconds = dueClock.Elapsed.TotalSeconds;
            progress?.Report(1);

            await using var db = await node.Databases.CreateDbContextAsync();
            var cards = await db.Set<SupervisionCardRow>().CountAsync();
            var alertsQueued = await db.Set<OutboxMessageRow>().CountAsync();
            var openTasks = await db.Tasks.CountAsync(t => t.Status == "Open");

            var errors = new List<string>();
            if (result.Failed > 0)
            {
                errors.Add($"{result.Failed} deadline(s) failed in the sweep");
            }

            if (result.Issued + result.AlreadyDone < due)
            {
                errors.Add($"the sweep handled {result.Issued + result.AlreadyDone} of {due} due deadlines");
            }

            if (cards < result.Issued || alertsQueued < cards)
            {
                errors.Add($"{result.Issued} issued but {cards} card rows and {alertsQueued} outbox messages");
            }

            var report = new ScenarioReport("deadlines", new Dictionary<string, string>
            {
                ["open tasks"] = openTasks.ToString(CultureInfo.InvariantCulture),
                ["due"] = due.ToString(CultureInfo.InvariantCulture),
                ["database"] = "Sqlite",
            },
            [
                Metric.Below("idle pass (median)", idle[idle.Count / 2], "ms", TargetIdleMilliseconds),
                new("idle pass (max of 21)", idle[^1], "ms"),
                new("due pass", dueSeconds, "s"),
                // The target counts cards: a deadline swept late gets every card it passed (yellow and red) in one command.
                Metric.Below("per 10,000 cards (scaled)", cards == 0 ? 0 : dueSeconds * 10_000 / cards, "s", TargetDueSeconds),
                new("per 10,000 deadlines (scaled)", result.Issued == 0 ? 0 : dueSeconds * 10_000 / result.Issued, "s"),
                new("deadlines issued", result.Issued, "deadlines"),
                new("cards recorded", cards, "cards"),
                new("alerts queued (outbox)", alertsQueued, "messages"),
                new("due deadlines/s", result.Issued / dueSeconds, "deadlines/s"),
                new("open tasks seeded", openTasks, "tasks"),
                new("seeding", seedSeconds, "s"),
            ], errors.Count, errors);
            return settings.Smoke ? report.WithoutTargets() : report;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Http.HttpScenario.TryDelete(folder);
        }
    }
}
