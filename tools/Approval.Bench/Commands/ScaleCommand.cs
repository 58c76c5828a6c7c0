using System.CommandLine;
using Approval.Bench.Http;
using Approval.Bench.Reporting;
using Approval.Bench.Scale;
using Spectre.Console;

namespace Approval.Bench.Commands;

internal static class ScaleCommand
{
    public static Command Create()
    {
        var finished = new Option<int>("--finished") { Description = "Finished (delivered) cases in the history.", DefaultValueFactory = _ => 800_000 };
        var open = new Option<int>("--open") { Description = "Open cases in the history (five open tasks each).", DefaultValueFactory = _ => 200_000 };
        var versions = new Option<int>("--versions") { Description = "Published versions of the bundle.", DefaultValueFactory = _ => 100 };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 32 };
        var duration = new Option<int>("--duration") { Description = "Measured seconds per load run.", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds per load run.", DefaultValueFactory = _ => 5 };
        var dll = new Option<string?>("--service-dll") { Description = "The service to start (default src/Approval.Api/bin/Release/net10.0/Approval.Api.dll)." };
        var json = CommonOptions.Json();
        var smoke = CommonOptions.Smoke();
        var command = new Command("scale", "The http load on an empty database and on one with a large history; p99 must not grow with history.")
        {
            finished, open, versions, clients, duration, warmup, dll, json, smoke,
        };
        command.SetAction(async (parse, _) =>
        {
            var isSmoke = parse.GetValue(smoke);
            var settings = isSmoke
                ? new ScaleScenario.Settings(400, 100, 3, LoadSettings.Smoke, parse.GetValue(dll), true)
                : new ScaleScenario.Settings(parse.GetValue(finished), parse.GetValue(open), parse.GetValue(versions),
                    new LoadSettings(parse.GetValue(clients), TimeSpan.FromSeconds(parse.GetValue(warmup)), TimeSpan.FromSeconds(parse.GetValue(duration)), null),
                    parse.GetValue(dll), false);
            var report = await ProgressBar.RunAsync(AnsiConsole.Console, "scale", p => ScaleScenario.RunAsync(settings, p));
            return await CommonOptions.FinishAsync(report, parse.GetValue(json));
        });
        return command;
    }
}
