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
        var json = CommonOptions.Json();
        var smoke = CommonOptions.Smoke();
        var command = new Command("timers", "Seed open tasks, run the Hangfire deadline timers on a wall-speed clock: card and alert latency, jobs alive, idle CPU.") { tasks, idle, json, smoke };
        command.SetAction(async (parse, _) =>
        {
            var settings = parse.GetValue(smoke)
                ? new TimersScenario.Settings(1_000, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), true)
                : new TimersScenario.Settings(parse.GetValue(tasks), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(parse.GetValue(idle)), false);
            var report = await ProgressBar.RunAsync(AnsiConsole.Console, "timers", p => TimersScenario.RunAsync(settings, p));
            return await CommonOptions.FinishAsync(report, parse.GetValue(json));
        });
        return command;
    }
}
