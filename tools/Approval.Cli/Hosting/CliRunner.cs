using System.CommandLine;

namespace Approval.Cli.Hosting;

/// <summary>
/// The one place a command line becomes an exit code. Every parse error System.CommandLine finds
/// (a missing required option or argument, a value outside <c>AcceptOnlyFromAmong</c>, an unknown
/// token, a missing sub-command) exits <see cref="UsageError"/> with the errors on stderr, so the
/// documented contract — 0 done, 1 data or service error, 2 bad arguments — holds for every command.
/// </summary>
internal static class CliRunner
{
    /// <summary>The exit code for a command line that could not be understood.</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command, or reports the parse errors and returns 2.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var parse = root.Parse(args);
        if (parse.Errors.Count == 0) return await parse.InvokeAsync(configuration).ConfigureAwait(false);

        foreach (var error in parse.Errors) await configuration.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
        var names = parse.CommandResult.Command is RootCommand ? [] : Path(parse.CommandResult.Command, root);
        var command = string.Join(' ', names.Prepend("approval"));
        await configuration.Error.WriteLineAsync($"Run '{command} --help' for usage.").ConfigureAwait(false);
        return UsageError;
    }

    private static List<string> Path(Command command, RootCommand root)
    {
        // Parents are not exposed on Command; find the chain by searching down from the root.
        static List<string>? Find(Command at, Command target)
        {
            foreach (var sub in at.Subcommands)
            {
                if (ReferenceEquals(sub, target)) return [sub.Name];
                if (Find(sub, target) is { } rest) return [sub.Name, .. rest];
            }

            return null;
        }

        return Find(root, command) ?? [command.Name];
    }
}
