using System.CommandLine;
using Approval.Cli.Commands;
using Approval.Cli.Hosting;

var root = new RootCommand("approval: tools for the analysts and operators of the Approval orchestrator");

// One line per command group; each group lives in its own file under Commands/.
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(TokenCommand.Create());
root.Subcommands.Add(CalendarCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(DiagramCommand.Create());
root.Subcommands.Add(DiffCommand.Create());
root.Subcommands.Add(PublishCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(DbCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(ElsaCommand.Create());
root.Subcommands.Add(SupervisionCommand.Create());
root.Subcommands.Add(ExchangeCommand.Create());

// Parse errors exit 2 here, in one place, for every command (see CliRunner).
return await CliRunner.InvokeAsync(root, args);
