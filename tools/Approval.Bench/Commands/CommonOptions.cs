using System.CommandLine;
using Approval.Bench.Reporting;
using Spectre.Console;

namespace Approval.Bench.Commands;

/// <summary>Options every scenario takes, and the one way a scenario's report leaves the process.</summary>
internal static class CommonOptions
{
    public static Option<string?> Json() => new("--json") { Description = "Also write the report as JSON to this file." };

    public static Option<bool> Smoke() => new("--smoke") { Description = "A few seconds with tiny sizes, for CI: checks the scenario runs with zero errors; timings are not judged." };

    /// <summary>Prints the table, writes the JSON if asked; exit code 1 when any operation failed (never for a missed timing).</summary>
    public static async Task<int> FinishAsync(ScenarioReport report, string? jsonPath)
    {
        ReportWriter.Print(AnsiConsole.Console, report);
        if (jsonPath is not null)
        {
            await ReportWriter.WriteJsonAsync(jsonPath, report);
        }

        return report.Errors == 0 ? 0 : 1;
    }
}
