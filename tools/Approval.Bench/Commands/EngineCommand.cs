using System.CommandLine;
using Approval.Bench.Engine;
using Approval.Bench.Reporting;
using Spectre.Console;

namespace Approval.Bench.Commands;

internal static class EngineCommand
{
    public static Command Create()
    {
        var cases = new Option<int>("--cases") { Description = "Cases to measure.", DefaultValueFactory = _ => 50_000 };
        var warmup = new Option<int>("--warmup") { Description = "Cases run before measuring (JIT, caches).", DefaultValueFactory = _ => 2_000 };
        var json = CommonOptions.Json();
        var smoke = CommonOptions.Smoke();
        var command = new Command("engine", "The pure engine in process: cases/s, transitions/s, allocations per case.") { cases, warmup, json, smoke };
        command.SetAction(async (parse, _) =>
        {
            var isSmoke = parse.GetValue(smoke);
            var settings = isSmoke
                ? new EngineScenario.Settings(200, 20, true)
                : new EngineScenario.Settings(parse.GetValue(cases), parse.GetValue(warmup), false);
            var report = await ProgressBar.RunAsync(AnsiConsole.Console, "engine", p => Task.FromResult(EngineScenario.Run(settings, p)));
            return await CommonOptions.FinishAsync(report, parse.GetValue(json));
        });
        return command;
    }
}
