using System.CommandLine;
using Approval.Bench.Reporting;
using Approval.Bench.Timers;
using Spectre.Console;

namespace Approval.Bench.Commands;

internal static class TimersCommand
{
    public static Command Create()
    {
        var tasks = new Option<int>("--open-tasks") { Description = "Open tasks to seed (five per case).", DefaultValueFactory = _ => 1_000_000 };
        var idle = new Option<int>("--idle-seconds") { Description = "How long to measure idle CPU after the cards.", DefaultValueFactory = _ => 30 };
        var burst = new Option<int>("--due-burst") { Description = "Deadlines due at one instant among the open tasks (0: the first instant of the spread-out cases).", DefaultValueFactory = _ => 0 };
        var postgres = new Option<bool>("--postgres") { Description = "Run on a throw-away local PostgreSQL (Hangfire.PostgreSql) instead of a SQLite file." };
        var lead = new Option<double?>("--lead-seconds") { Description = "Supervision:TimerLead in seconds (0-30); the service's default when absent." };
        var warm = new Option<int>("--warm-burst") { Description = "Deadlines already overdue at start, carded by the start-up catch-up before the watched instant (warms the sweep's code); 0: none.", DefaultValueFactory = _ => 0 };
        var rounds = new Option<int>("--warm-rounds") { Description = "How many times the warm-up burst is carded before the instant: 1 at start; each further round is seeded and swept while the service runs, so the tiered JIT's promotions happen before the watched burst.", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var smoke = CommonOptions.Smoke();
        var command = new Command("timers", "Seed open tasks, run the Hangfire deadline timers on a wall-speed clock: card latency, time and CPU per card of the instant, alert latency, jobs alive, idle CPU.") { tasks, idle, burst, postgres, lead, warm, rounds, json, smoke };
        command.SetAction(async (parse, _) =>
        {
            var timerLead = parse.GetValue(lead) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var settings = parse.GetValue(smoke)
                ? new TimersScenario.Settings(1_000, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), true, Math.Min(parse.GetValue(burst), 50), parse.GetValue(postgres), timerLead, Math.Min(parse.GetValue(warm), 20))
                : new TimersScenario.Settings(parse.GetValue(tasks), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(parse.GetValue(idle)), false, parse.GetValue(burst), parse.GetValue(postgres), timerLead, parse.GetValue(warm), Math.Max(1, parse.GetValue(rounds)));
            var report = await ProgressBar.RunAsync(AnsiConsole.Console, "timers", p => TimersScenario.RunAsync(settings, p));
            return await CommonOptions.FinishAsync(report, parse.GetValue(json));
        });
        return command;
    }
}
