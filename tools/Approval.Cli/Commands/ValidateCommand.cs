using System.CommandLine;
using Approval.Cli.Analysis;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval validate [paths…]</c>: checks definition files and folders and reports every
/// finding of every file at once, so an analyst (or CI) fixes them in one pass.
/// </summary>
/// <remarks>Exit codes: 0 no errors (warnings allowed), 1 any error or unreadable registry, 2 bad arguments.</remarks>
internal static class ValidateCommand
{
    private const int Ok = 0, Invalid = 1, UsageError = 2;

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = $"Definition files or folders (default: the nearest {DefinitionSource.DefaultDirectory}/ at or above the current directory).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = FormatOption.Create();
        var departments = DepartmentsOption.Create();
        var command = new Command("validate", "Check workflow definitions: every error of every file, with line:column, JSON path and code.");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(departments);

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var given = parse.GetValue(paths) ?? [];
            if (given.Length == 0)
            {
                var found = DefinitionSource.FindWorkflowsDirectory(Environment.CurrentDirectory);
                if (found is null)
                {
                    error.WriteLine($"error: no {DefinitionSource.DefaultDirectory}/ folder found in {Environment.CurrentDirectory} or above it; name the files or folders to check.");
                    return UsageError;
                }

                given = [Path.GetRelativePath(Environment.CurrentDirectory, found)];
            }

            // An option System.CommandLine does not know lands among the paths; it is a typo, not a file.
            if (given.FirstOrDefault(p => p.StartsWith('-') && !File.Exists(p) && !Directory.Exists(p)) is { } unknown)
            {
                error.WriteLine($"error: unknown option '{unknown}'. Run 'approval validate --help' for the options.");
                return UsageError;
            }

            IReadOnlyList<string> files;
            var skipped = new List<string>();
            try
            {
                files = DefinitionSource.Expand(given, skipped);
            }
            catch (FileNotFoundException e)
            {
                error.WriteLine($"error: {e.Message}");
                return UsageError;
            }

            if (skipped.Count > 0)
                error.WriteLine($"note: skipped {skipped.Count} file(s) that are not definitions (saved reports, *.expected.json): {string.Join(", ", skipped.Select(Path.GetFileName))}");

            var results = new List<LoadResult>();
            var cache = new Dictionary<string, DepartmentRegistry>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                try
                {
                    results.Add(DefinitionSource.Load(file, parse.GetValue(departments), cache));
                }
                catch (InvalidDataException e)
                {
                    // Without a registry no file can be judged; say so rather than report every department as unknown.
                    error.WriteLine($"error: {e.Message}");
                    return Invalid;
                }
            }

            if (parse.GetValue(format) == FormatOption.Json) ValidateReport.WriteJson(output, results);
            else ValidateReport.WriteText(output, results);
            return results.Any(r => !r.Succeeded) ? Invalid : Ok;
        });
        return command;
    }
}
