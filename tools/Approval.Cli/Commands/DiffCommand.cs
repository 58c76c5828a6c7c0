using System.CommandLine;
using System.Text.Json;
using Approval.Cli.Analysis;
using Approval.Cli.Analysis.Diff;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval diff A B</c>: what changed between two versions of a definition, by step id —
/// the review an analyst's colleague reads before a new version is published.
/// </summary>
/// <remarks>Exit codes: 0 compared (whether or not anything changed), 1 a file does not load, 2 bad arguments.</remarks>
internal static class DiffCommand
{
    private const int Ok = 0, DataError = 1;

    public static Command Create()
    {
        var before = new Argument<string>("before") { Description = "The old version's file." };
        var after = new Argument<string>("after") { Description = "The new version's file." };
        var format = FormatOption.Create();
        var departments = DepartmentsOption.Create();
        var command = new Command("diff", "Show what changed between two versions of a definition: steps added, removed, changed or moved, fields and materials.");
        command.Arguments.Add(before);
        command.Arguments.Add(after);
        command.Options.Add(format);
        command.Options.Add(departments);

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var a = DefinitionSource.LoadValid(parse.GetValue(before)!, parse.GetValue(departments), error);
            var b = DefinitionSource.LoadValid(parse.GetValue(after)!, parse.GetValue(departments), error);
            if (a?.Definition is not { } old || b?.Definition is not { } now) return DataError;

            var changes = DefinitionDiff.Compare(old, now);
            if (parse.GetValue(format) == FormatOption.Json)
            {
                var report = new
                {
                    before = a.File,
                    after = b.File,
                    identical = a.ContentHash == b.ContentHash,
                    changes = changes.Select(c => new { kind = c.Kind.ToString().ToLowerInvariant(), subject = c.Subject, property = c.Property, before = c.Before, after = c.After }),
                };
                output.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
                return Ok;
            }

            output.WriteLine($"--- {a.File}");
            output.WriteLine($"+++ {b.File}");
            foreach (var change in changes) output.WriteLine(change.ToString());
            output.WriteLine(changes.Count == 0
                ? a.ContentHash == b.ContentHash ? "No changes: the content is identical (over a latest version with this content, publishing it creates no new version)." : "No changes to steps, fields, materials or settings (only formatting or step descriptions)."
                : $"{changes.Count} change(s).");
            return Ok;
        });
        return command;
    }
}
