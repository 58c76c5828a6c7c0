using System.Text.Json;
using Approval.Calendar;
using Approval.Definitions.Diagrams;
using Approval.Cli.Analysis;
using Approval.Cli.Analysis.Simulation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Approval.Cli.Commands;

/// <summary>What <c>approval simulate</c> prints: a table of every step's instants and a verdict on the case's promise, or JSON.</summary>
internal static class SimulateReport
{
    public static void WriteText(TextWriter output, WorkingCalendar calendar, SimulationResult result)
    {
        var definition = result.Definition;
        output.WriteLine($"{definition.Id} {definition.Name} — dry run from {Format.Instant(calendar, result.Start)} ({calendar.Zone.Id}), every task approved exactly at its due");

        // Markdown borders: the table pastes straight into a ticket or a wiki page.
        var table = new Table().Border(TableBorder.Markdown);
        foreach (var header in new[] { "step", "department", "limit", "start", "yellow", "due = red", "1st escalation", "prov.", "holidays crossed / notes" })
        {
            table.AddColumn(new TableColumn(header).NoWrap());
        }

        foreach (var row in result.Steps) table.AddRow(Cells(calendar, row));

        using var rendered = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(rendered),
        });
        console.Profile.Width = 400; // a report for a file or a ticket: never wrap a row
        console.Write(table);

        // Spectre pads every line to the console width; trailing blanks only get in the way of a paste.
        foreach (var line in rendered.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)) output.WriteLine(line);

        if (result.CaseDue is { } due)
        {
            output.WriteLine($"Case promise:  {definition.TimeLimit} from the start → due {Format.Instant(calendar, due.At)}{(due.Provisional ? " (provisional)" : "")}");
        }
        else
        {
            output.WriteLine("Case promise:  none (the definition has no timeLimit)");
        }

        output.WriteLine($"Flow ends:     {Format.Instant(calendar, result.End)} (delivery, if every task takes its whole limit)");
        output.WriteLine($"Critical path: {(result.CriticalPath.Count == 0 ? "(no timed task)" : string.Join(" → ", result.CriticalPath))}");
        output.WriteLine(result.CaseDue is not { } promised ? "Fits:          yes (nothing promised)"
            : result.Fits ? $"Fits:          yes{Spare(calendar, definition.TimeLimit, result.End, promised.At, "to spare")}"
            : $"Fits:          NO — the flow can end after the promised due{Spare(calendar, definition.TimeLimit, promised.At, result.End, "late")}");
        output.WriteLine(result.MissingYears.Count == 0
            ? "Provisional:   no"
            : $"Provisional:   YES — no calendar file for {string.Join(", ", result.MissingYears)}; weekends-only rule used, recompute when it is added");
    }

    public static void WriteJson(TextWriter output, WorkingCalendar calendar, SimulationResult result)
    {
        string? Iso(DateTimeOffset? at) => at is { } a ? Format.Iso(calendar, a) : null;
        object? Deadline(Deadline? d) => d is { } x ? new { at = Iso(x.At), provisional = x.Provisional } : null;
        var report = new
        {
            definition = result.Definition.Id,
            name = result.Definition.Name,
            zone = calendar.Zone.Id,
            start = Iso(result.Start),
            caseDue = Deadline(result.CaseDue),
            end = Iso(result.End),
            fits = result.Fits,
            criticalPath = result.CriticalPath,
            missingYears = result.MissingYears,
            steps = result.Steps.Select(s => new
            {
                id = s.Id,
                name = s.Name,
                kind = s.Kind,
                depth = s.Depth,
                skipped = s.Skipped,
                skippedBecause = s.SkippedBecause,
                start = Iso(s.Start),
                end = Iso(s.End),
                task = s.Task is not { } t ? null : new
                {
                    department = t.Department,
                    limit = new { workingDays = t.Limit.IsWorkingDays ? t.Limit.Amount : (int?)null, hours = t.Limit.IsHours ? t.Limit.Amount : (int?)null },
                    yellow = Deadline(t.Yellow),
                    due = Deadline(t.Due),
                    red = Deadline(t.Due),
                    dueWithoutStops = Deadline(t.DueWithoutStops),
                    firstEscalation = Deadline(t.FirstEscalation),
                    approveOnOverdue = t.ApproveOnOverdue,
                    provisional = t.Provisional,
                    crossed = t.Crossed.Select(c => new { kind = c.Kind == DayKind.Holiday ? "holiday" : "makeUpWorkingDay", name = c.Name, from = c.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), to = c.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
                    stops = t.Stops.Select(x => new { from = Iso(x.From), to = Iso(x.To) }),
                },
                notes = s.Notes,
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
    }

    private static IRenderable[] Cells(WorkingCalendar calendar, SimulatedStep row)
    {
        var label = new string(' ', row.Depth * 2) + $"{row.Id} {row.Name}";
        if (row.Skipped) return Texts(label, "", "", "", "", "", "", "", $"skipped: {row.SkippedBecause}");
        if (row.Task is not { } t)
        {
            var ends = row.Start == row.End ? row.Notes : row.Notes.Prepend($"ends {Format.Instant(calendar, row.End!.Value)}");
            return Texts(label, "", "", Format.Instant(calendar, row.Start!.Value), "", "", "", "", string.Join("; ", ends));
        }

        var escalation = t.ApproveOnOverdue ? "approved by silence at due" : t.FirstEscalation is { } e ? Format.Instant(calendar, e.At) : "none";
        var notes = t.Crossed.Select(c => c.ToString())
            .Concat(t.Stops.Select(s => $"clock stopped {Format.Instant(calendar, s.From)} → {Format.Instant(calendar, s.To)} (due without stop {Format.Instant(calendar, t.DueWithoutStops.At)})"))
            .Concat(row.Notes);
        return Texts(label, t.Department, StepTree.Short(t.Limit), Format.Instant(calendar, row.Start!.Value),
            t.Yellow is { } y ? Format.Instant(calendar, y.At) : "none", Format.Instant(calendar, t.Due.At), escalation,
            t.Provisional ? "YES" : "no", string.Join("; ", notes));
    }

    private static IRenderable[] Texts(params string[] cells) => [.. cells.Select(c => (IRenderable)new Text(c))];

    /// <summary>", n working day(s) {what}" between the days two instants close; nothing for an hour promise, where whole days mislead.</summary>
    private static string Spare(WorkingCalendar calendar, TimeLimit? promise, DateTimeOffset earlier, DateTimeOffset later, string what) =>
        promise is not { IsWorkingDays: true } ? "" : $", {calendar.CountWorkingDays(calendar.DeadlineDate(earlier), calendar.DeadlineDate(later))} working day(s) {what}";
}
