using System.CommandLine;
using Approval.Bench.Reporting;
using Approval.Bench.Screen;
using Spectre.Console;

namespace Approval.Bench.Commands;

internal static class ScreenCommand
{
    public static Command Create()
    {
        var finished = new Option<int>("--finished") { Description = "Finished (delivered) cases in the history.", DefaultValueFactory = _ => 800_000 };
        var open = new Option<int>("--open") { Description = "Open cases in the history (five open tasks each).", DefaultValueFactory = _ => 200_000 };
        var calls = new Option<int>("--calls") { Description = "Measured calls per endpoint.", DefaultValueFactory = _ => 50 };
        var dll = new Option<string?>("--service-dll") { Description = "The service to start (default src/Approval.Api/bin/Release/net10.0/Approval.Api.dll)." };
        var json = CommonOptions.Json();
        var smoke = CommonOptions.Smoke();
        var command = new Command("screen", "Every statistics endpoint of the one screen on a large history (1,000,000 cases, 5,000,000 tasks): p50/p95, target p95 < 200 ms.")
        {
            finished, open, calls, dll, json, smoke,
        };
        command.SetAction(async (parse, _) =>
        {
            var settings = parse.GetValue(smoke)
                ? new ScreenScenario.Settings(400, 100, 5, parse.GetValue(dll), true)
                : new ScreenScenario.Settings(parse.GetValue(finished), parse.GetValue(open), parse.GetValue(calls), parse.GetValue(dll), false);
            var report = await ProgressBar.RunAsync(AnsiConsole.Console, "screen", p => ScreenScenario.RunAsync(settings, p));
            return await CommonOptions.FinishAsync(report, parse.GetValue(json));
        });
        return command;
    }
}
