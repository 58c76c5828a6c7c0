using System.CommandLine;
using Approval.Calendar;
using Approval.Cli.Analysis;
using Approval.Cli.Analysis.Simulation;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval simulate FILE --start …</c>: a dry run of a definition's deadlines on the real
/// calendar — every task's start, yellow card, due (= red card) and first escalation, the
/// holidays it crossed, and whether the flow fits the case's promised limit.
/// </summary>
/// <remarks>Exit codes: 0 simulated (also when it does not fit or is provisional), 1 invalid definition or calendar data, 2 bad arguments.</remarks>
internal static class SimulateCommand
{
    private const int Ok = 0, DataError = 1, UsageError = 2;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The definition file, e.g. workflows/open-restaurant.json." };
        var start = new Option<string>("--start") { Description = "When the case is accepted: local time (2026-09-30T10:00) or an instant with an offset.", Required = true, HelpName = "TIME" };
        var data = new Option<string?>("--data") { Description = "A JSON file with the form data ({\"hasOutdoorSign\": true, …}) that conditions read.", HelpName = "FILE" };
        var set = new Option<string[]>("--set") { Description = "A form field, repeatable: --set hasOutdoorSign=true (overrides --data).", HelpName = "FIELD=VALUE" };
        var stop = new Option<string[]>("--stop") { Description = "A stopped clock on a task (补正, 特别程序), repeatable: --stop fire-safety:2026-10-08T10:00:2026-10-09T15:00.", HelpName = "TASK:FROM:TO" };
        var act = new Option<string[]>("--act") { Description = $"A scripted action on a task, repeatable: --act supplement-request:fire-safety:2026-10-08T10:00 (actions: {string.Join(", ", ScriptedAction.Commands.Keys)}); tasks not closed by the script are approved at their due.", HelpName = "ACTION:TASK:TIME" };
        var calendars = new Option<string?>("--calendars") { Description = $"Directory of YYYY.json calendar files (default: the nearest {CalendarCommand.DefaultDirectory} above the file or the current directory).", HelpName = "DIR" };
        var format = FormatOption.Create();
        var departments = DepartmentsOption.Create();
        var command = new Command("simulate", "Dry-run a definition on the real engine and calendar, assuming every task is approved exactly at its due.");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { start, data, set, stop, act, calendars, format, departments }) command.Options.Add(option);

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            var loaded = DefinitionSource.LoadValid(path, parse.GetValue(departments), error);
            if (loaded?.Definition is not { } definition) return DataError;

            var calendar = BuildCalendar(parse.GetValue(calendars), path, error);
            if (calendar is null) return DataError;

            SimulationResult result;
            try
            {
                var startAt = CalendarCommand.ParseStart(parse.GetValue(start)!, calendar.Zone);
                var dataText = parse.GetValue(data) is { } dataFile ? ReadData(dataFile) : null;
                var form = FormData.Build(definition.Fields, dataText, parse.GetValue(set) ?? []);
                var stops = (parse.GetValue(stop) ?? []).Select(s => ClockStop.Parse(s, calendar.Zone)).ToList();
                var actions = (parse.GetValue(act) ?? []).Select(a => ScriptedAction.Parse(a, calendar.Zone)).ToList();
                result = new Simulator(definition, calendar, form, stops, actions).Run(startAt);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or FileNotFoundException)
            {
                error.WriteLine($"error: {e.Message}");
                return UsageError;
            }

            if (parse.GetValue(format) == FormatOption.Json) SimulateReport.WriteJson(output, calendar, result);
            else SimulateReport.WriteText(output, calendar, result);
            return Ok;
        });
        return command;
    }

    private static string ReadData(string file) =>
        File.Exists(file) ? File.ReadAllText(file) : throw new FileNotFoundException($"--data file not found: {file}", file);

    /// <summary>The calendar beside the definition (or the current directory), so a dry run uses the data the service uses.</summary>
    private static WorkingCalendar? BuildCalendar(string? given, string definitionFile, TextWriter error)
    {
        var directory = given ?? CalendarCommand.FindCalendarsDirectory(definitionFile);
        if (directory is null || !Directory.Exists(directory))
        {
            error.WriteLine(given is null
                ? $"error: no {CalendarCommand.DefaultDirectory} directory found (looked in {Lookup.Describe(definitionFile)}); pass --calendars DIR."
                : $"error: calendar directory not found: {given}");
            return null;
        }

        try
        {
            return new WorkingCalendar(CalendarLoader.LoadDirectory(directory), new CalendarOptions());
        }
        catch (CalendarDataException e)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
    }
}
