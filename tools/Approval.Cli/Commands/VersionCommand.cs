using System.CommandLine;
using System.Reflection;

namespace Approval.Cli.Commands;

/// <summary><c>approval version</c>: which build of the tools this is.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version of the approval tools.");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parse.InvocationConfiguration.Output.WriteLine(version);
            return 0;
        });
        return command;
    }
}
