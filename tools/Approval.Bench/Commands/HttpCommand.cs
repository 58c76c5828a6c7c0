using System.CommandLine;
using Approval.Bench.Http;
using Approval.Bench.Reporting;
using Spectre.Console;

namespace Approval.Bench.Commands;

internal static class HttpCommand
{
    public static Command Create()
    {
        var clients = new Option<int>("--clients") { Description = "Concurrent clients (clerk desks).", DefaultValueFactory = _ => 32 };
        var duration = new Option<int>("--duration") { Description = "Measured seconds.", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring (JIT, pools).", DefaultValueFactory = _ => 5 };
        var postgres = new Option<bool>("--postgres") { Description = "Run the service on a throw-away PostgreSQL cluster instead of SQLite." };
        var url = new Option<Uri?>("--url") { Description = "Drive a service already running here instead of starting one (no RSS/CPU figures)." };
        var dll = new Option<string?>("--service-dll") { Description = "The service to start (default src/Approval.Api/bin/Release/net10.0/Approval.Api.dll)." };
        var idle = new Option<int>("--idle-seconds") { Description = "Before the load, the service's CPU over this many idle seconds (0: not measured)." };
        var nodes = new Option<int>("--nodes") { Description = "Service processes sharing the one PostgreSQL cluster (needs --postgres); client i talks to node i mod N.", DefaultValueFactory = _ => 1 };
        var keys = new Option<bool>("--idempotency-keys") { Description = "Send a fresh Idempotency-Key with every request (and check each has one stored answer, on PostgreSQL)." };
        var json = CommonOptions.Json();
        var smoke = CommonOptions.Smoke();
        var command = new Command("http", "N concurrent clients drive complete cases through the HTTP API: cases/s, requests/s, latency percentiles, peak RSS.")
        {
            clients, duration, warmup, postgres, url, dll, idle, nodes, keys, json, smoke,
        };
        command.Validators.Add(result =>
        {
            // A validator sees no default: an option left out reads as 0 here, and means one node.
            var n = result.GetResult(nodes) is null ? 1 : result.GetValue(nodes);
            if (n < 1)
            {
                result.AddError("--nodes must be at least 1.");
            }
            else if (n > 1 && (!result.GetValue(postgres) || result.GetValue(url) is not null))
            {
                result.AddError(HttpScenario.NodesNeedPostgres);
            }
        });
        command.SetAction(async (parse, _) =>
        {
            var isSmoke = parse.GetValue(smoke);
            var load = (isSmoke
                ? LoadSettings.Smoke
                : new LoadSettings(parse.GetValue(clients), TimeSpan.FromSeconds(parse.GetValue(warmup)), TimeSpan.FromSeconds(parse.GetValue(duration)), null))
                with { IdempotencyKeys = parse.GetValue(keys) };
            var settings = new HttpScenario.Settings(load, parse.GetValue(postgres), parse.GetValue(url), parse.GetValue(dll), isSmoke, parse.GetValue(idle), parse.GetValue(nodes));
            var report = await ProgressBar.RunAsync(AnsiConsole.Console, "http", p => HttpScenario.RunAsync(settings, p));
            return await CommonOptions.FinishAsync(report, parse.GetValue(json));
        });
        return command;
    }
}
