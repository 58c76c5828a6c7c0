using System.CommandLine;
using Approval.Bench.Deadlines;
using Approval.Bench.Reporting;
using Spectre.Console;

namespace Approval.Bench.Commands;

internal static class DeadlinesCommand
{
    public static Command Create()
    {
        var tasks = new Option<int>("--open-tasks") { Description = "Open tasks to seed (five per case).", DefaultValueFactory = _ => 1_000_000 };
        var due = new Option<int>("--due") { Description = "Deadlines due in the timed sweep.", DefaultValueFactory = _ => 10_000 };
        var json = CommonOptions.Json();
        var smoke = CommonOptions.Smoke();
        var command = new Command("deadlines", "Seed open tasks, then time the deadline sweep idle and with N deadlines due.") { tasks, due, json, smoke };
        command.SetAction(async (parse, _) =>
        {
            var isSmoke = parse.GetValue(smoke);
            var settings = isSmoke ? new DeadlinesScenario.Settings(2_000, 50, true) : new DeadlinesScenario.Settings(parse.GetValue(tasks), parse.GetValue(due), false);
            var report = await ProgressBar.RunAsync(AnsiConsole.Console, "deadlines", p => DeadlinesScenario.RunAsync(settings, p));
            return await CommonOptions.FinishAsync(report, parse.GetValue(json));
        });
        return command;
    }
}
