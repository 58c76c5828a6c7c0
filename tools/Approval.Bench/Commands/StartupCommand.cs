using System.CommandLine;
using Approval.Bench.Reporting;
using Approval.Bench.Startup;
using Spectre.Console;

namespace Approval.Bench.Commands;

internal static class StartupCommand
{
    public static Command Create()
    {
        var definitions = new Option<int>("--definitions") { Description = "Definitions in the workflows folder.", DefaultValueFactory = _ => 100 };
        var restarts = new Option<int>("--restarts") { Description = "Restarts after the cold start.", DefaultValueFactory = _ => 5 };
        var dll = new Option<string?>("--service-dll") { Description = "The service to start (default src/Approval.Api/bin/Release/net10.0/Approval.Api.dll)." };
        var json = CommonOptions.Json();
        var smoke = CommonOptions.Smoke();
        var command = new Command("startup", "Time from process start to ready (/health 200) with N definitions.") { definitions, restarts, dll, json, smoke };
        command.SetAction(async (parse, _) =>
        {
            var isSmoke = parse.GetValue(smoke);
            var settings = isSmoke
                ? new StartupScenario.Settings(5, 1, parse.GetValue(dll), true)
                : new StartupScenario.Settings(parse.GetValue(definitions), parse.GetValue(restarts), parse.GetValue(dll), false);
            var report = await ProgressBar.RunAsync(AnsiConsole.Console, "startup", p => StartupScenario.RunAsync(settings, p));
            return await CommonOptions.FinishAsync(report, parse.GetValue(json));
        });
        return command;
    }
}
