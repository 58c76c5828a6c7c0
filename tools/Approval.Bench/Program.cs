using System.CommandLine;
using Approval.Bench.Commands;

var root = new RootCommand("approval-bench: load and timing scenarios for the Approval orchestrator (see docs/benchmarks.md)");

// One scenario per command; each lives in its own file under Commands/.
root.Subcommands.Add(EngineCommand.Create());
root.Subcommands.Add(HttpCommand.Create());
root.Subcommands.Add(DeadlinesCommand.Create());
root.Subcommands.Add(TimersCommand.Create());
root.Subcommands.Add(StartupCommand.Create());
root.Subcommands.Add(ScaleCommand.Create());
root.Subcommands.Add(ScreenCommand.Create());
root.Subcommands.Add(PeersCommand.Create());

return await root.Parse(args).InvokeAsync();
