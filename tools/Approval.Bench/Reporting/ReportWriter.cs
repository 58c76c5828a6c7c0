using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Approval.Bench.Reporting;

/// <summary>Prints a report as a table and, when asked, writes it as JSON for CI artefacts and docs.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Print(IAnsiConsole console, ScenarioReport report)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(report.Scenario)}[/]").AddColumns("metric", "value", "unit", "target", "met");
        foreach (var m in report.Metrics)
        {
            var met = m.Met switch { true => "[green]yes[/]", false => "[red]NO[/]", null => "" };
            table.AddRow(Markup.Escape(m.Name), Format(m.Value), Markup.Escape(m.Unit), Markup.Escape(m.Target ?? ""), met);
        }

        table.AddRow("errors", report.Errors.ToString(CultureInfo.InvariantCulture), "", "0", report.Errors == 0 ? "[green]yes[/]" : "[red]NO[/]");
        console.Write(table);
        console.MarkupLine("[grey]{0}[/]", Markup.Escape(string.Join("  ", report.Settings.Select(s => $"{s.Key}={s.Value}"))));
        foreach (var sample in report.ErrorSamples)
        {
            console.MarkupLine("[red]error:[/] {0}", Markup.Escape(sample));
        }
    }

    public static async Task WriteJsonAsync(string path, ScenarioReport report)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json));
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 || value == Math.Floor(value)
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString("N2", CultureInfo.InvariantCulture);
}
