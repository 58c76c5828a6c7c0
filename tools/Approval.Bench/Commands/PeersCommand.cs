using System.CommandLine;
using Approval.Bench.Peers;
using Approval.Bench.Reporting;
using Spectre.Console;

namespace Approval.Bench.Commands;

internal static class PeersCommand
{
    public static Command Create()
    {
        var cases = new Option<int>("--cases") { Description = "Cases for our pure engine.", DefaultValueFactory = _ => 20_000 };
        var warmup = new Option<int>("--warmup") { Description = "Our cases run before measuring (JIT, caches).", DefaultValueFactory = _ => 2_000 };
        var peerCases = new Option<int>("--peer-cases") { Description = "Instances for each WorkflowCore variant (its in-memory store scans lists: keep it in the thousands).", DefaultValueFactory = _ => 2_000 };
        var bpmnCases = new Option<int>("--bpmn-cases") { Description = "Cases for bpmn-engine.", DefaultValueFactory = _ => 500 };
        var bpmn = new Option<bool>("--bpmn") { Description = "Also run bpmn-engine 25.0.1 (needs node and npm; installs it into a temporary folder)." };
        var fsync = new Option<bool>("--fsync") { Description = "bpmn-engine fsyncs its state file after every step (durable like our commit)." };
        var timeout = new Option<int>("--peer-timeout") { Description = "Seconds each peer may take before its completed instances are reported as they are.", DefaultValueFactory = _ => 180 };
        var poll = new Option<int?>("--poll-ms") { Description = "WorkflowCore's poll interval in ms (its default is 10 s): the poll is what retries an event whose instance was locked." };
        var json = CommonOptions.Json();
        var smoke = CommonOptions.Smoke();
        var command = new Command("peers", "Our engine, WorkflowCore and bpmn-engine on the same seven-command flow, in the same minutes: cases/s, CPU per case, ratios.")
        {
            cases, warmup, peerCases, bpmnCases, bpmn, fsync, timeout, poll, json, smoke,
        };
        command.SetAction(async (parse, _) =>
        {
            var settings = parse.GetValue(smoke)
                ? PeersScenario.Settings.ForSmoke
                : new PeersScenario.Settings(parse.GetValue(cases), parse.GetValue(warmup), parse.GetValue(peerCases), parse.GetValue(bpmnCases), parse.GetValue(bpmn), parse.GetValue(fsync), TimeSpan.FromSeconds(parse.GetValue(timeout)), Smoke: false,
                    parse.GetValue(poll) is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
            var report = await ProgressBar.RunAsync(AnsiConsole.Console, "peers", p => PeersScenario.RunAsync(settings, p));
            return await CommonOptions.FinishAsync(report, parse.GetValue(json));
        });
        return command;
    }
}
