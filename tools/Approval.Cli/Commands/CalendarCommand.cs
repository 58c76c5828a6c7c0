using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Approval.Calendar;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval calendar due|show</c>: lets an analyst or operator check a deadline on the real
/// calendar and see which days it skipped and why, or review a year's data file.
/// </summary>
internal static partial class CalendarCommand
{
    /// <summary>Where the year files live, relative to the repository (or deployment) root.</summary>
    public const string DefaultDirectory = "workflows/calendars";

    // Exit codes: 0 answered (a provisional answer is still an answer, and says so), 1 bad data or
    // missing directory, 2 bad arguments.
    private const int Ok = 0, DataError = 1, UsageError = 2;

    public static Command Create()
    {
        var command = new Command("calendar", "Working-day calendar: compute deadlines and review the year files in workflows/calendars.");
        command.Subcommands.Add(CreateDue());
        command.Subcommands.Add(CreateShow());
        return command;
    }

    private sealed record CommonOptions(Option<string?> Calendars, Option<string> Zone, Option<string?> CloseOfDay, Option<string?> OfficeHours)
    {
        public static CommonOptions AddTo(Command command)
        {
            var options = new CommonOptions(
                new Option<string?>("--calendars") { Description = $"Directory of YYYY.json calendar files (default: {DefaultDirectory}, found by walking up from the current directory).", HelpName = "DIR" },
                new Option<string>("--zone") { Description = "Time zone of the service centre (IANA id).", DefaultValueFactory = _ => "Asia/Shanghai", HelpName = "ZONE" },
                new Option<string?>("--close-of-day") { Description = "When a working-day limit ends on its last day, e.g. 17:30 (default: end of day, 24:00).", HelpName = "HH:mm" },
                new Option<string?>("--office-hours") { Description = "Office hours counted by hour limits (default: 09:00-12:00,13:30-17:30).", HelpName = "SPANS" });
            command.Options.Add(options.Calendars);
            command.Options.Add(options.Zone);
            command.Options.Add(options.CloseOfDay);
            command.Options.Add(options.OfficeHours);
            return options;
        }

        /// <summary>Builds the calendar from the arguments, or writes why it cannot and returns the exit code.</summary>
        public WorkingCalendar? Build(ParseResult parse, out string directory, out int exitCode)
        {
            var error = parse.InvocationConfiguration.Error;
            directory = "";
            exitCode = Ok;
            CalendarOptions options;
            try
            {
                options = new CalendarOptions
                {
                    TimeZone = parse.GetValue(Zone) ?? "Asia/Shanghai",
                    CloseOfDay = parse.GetValue(CloseOfDay) is { } close ? ParseTime(close, "--close-of-day") : null,
                    OfficeHours = parse.GetValue(OfficeHours) is { } hours ? ParseOfficeHours(hours) : CalendarOptions.DefaultOfficeHours,
                };
            }
            catch (FormatException e)
            {
                error.WriteLine(e.Message);
                exitCode = UsageError;
                return null;
            }

            var given = parse.GetValue(Calendars);
            var found = given ?? FindCalendarsDirectory(null);
            if (found is null || !Directory.Exists(found))
            {
                error.WriteLine(given is null
                    ? $"No {DefaultDirectory} directory found (looked in {Analysis.Lookup.Describe(null)}); pass --calendars DIR."
                    : $"Calendar directory not found: {given}");
                exitCode = DataError;
                return null;
            }

            directory = found;
            try
            {
                return new WorkingCalendar(CalendarLoader.LoadDirectory(found), options);
            }
            catch (CalendarDataException e)
            {
                error.WriteLine(e.Message);
                exitCode = DataError;
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                exitCode = UsageError;
            }

            return null;
        }
    }

    private static Command CreateDue()
    {
        var command = new Command("due", "When is a limit due? Prints the due instant, whether it is provisional, and every day it skipped or counted specially.");
        var from = new Option<string>("--from") { Description = "When the clock starts: local time in the zone (2026-09-30T10:00), or an instant with an offset (2026-09-30T02:00Z).", Required = true, HelpName = "TIME" };
        var workingDays = new Option<int?>("--working-days") { Description = "Limit in working days (工作日); the start day is not counted.", HelpName = "N" };
        var hours = new Option<int?>("--hours") { Description = "Limit in office hours on working days (即办件).", HelpName = "N" };
        command.Options.Add(from);
        command.Options.Add(workingDays);
        command.Options.Add(hours);
        var common = CommonOptions.AddTo(command);

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var days = parse.GetValue(workingDays);
            var hourCount = parse.GetValue(hours);
            if (days.HasValue == hourCount.HasValue)
            {
                error.WriteLine("Give exactly one of --working-days N or --hours N.");
                return UsageError;
            }

            if (days < 0 || hourCount < 0)
            {
                error.WriteLine("A time limit cannot be negative.");
                return UsageError;
            }

            var calendar = common.Build(parse, out var directory, out var exitCode);
            if (calendar is null) return exitCode;

            DateTimeOffset start;
            try
            {
                start = ParseStart(parse.GetValue(from)!, calendar.Zone);
            }
            catch (FormatException e)
            {
                error.WriteLine(e.Message);
                return UsageError;
            }

            var limit = days is { } d ? TimeLimit.OfWorkingDays(d) : TimeLimit.OfHours(hourCount!.Value);
            var due = calendar.Due(start, limit);
            CalendarReport.WriteDue(output, calendar, directory, start, limit, due);
            return Ok;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var command = new Command("show", "List a year: holidays, make-up working days and the number of working days.");
        var year = new Argument<int>("year") { Description = "The year, e.g. 2026." };
        command.Arguments.Add(year);
        var common = CommonOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var value = parse.GetValue(year);
            if (value is < CalendarYear.MinYear or > CalendarYear.MaxYear)
            {
                parse.InvocationConfiguration.Error.WriteLine($"The year must be between {CalendarYear.MinYear} and {CalendarYear.MaxYear}.");
                return UsageError;
            }

            var calendar = common.Build(parse, out var directory, out var exitCode);
            if (calendar is null) return exitCode;
            // A missing year file is bad calendar data for that year (docs/calendar.md): the provisional
            // listing is still printed, but scripts checking a new year's file see it is not there.
            return CalendarReport.WriteYear(parse.InvocationConfiguration.Output, calendar, directory, value) ? Ok : DataError;
        });
        return command;
    }

    /// <summary>
    /// The nearest <c>workflows/calendars</c> (or a <c>calendars</c> folder, as inside
    /// <c>workflows/</c>) at or above <paramref name="startDirectory"/>, then above the current
    /// directory and the tool's own folder (see <see cref="Analysis.Lookup"/>); null when there is none.
    /// </summary>
    internal static string? FindCalendarsDirectory(string? startDirectory) =>
        Analysis.Lookup.FindUpward(startDirectory, Directory.Exists, Path.Combine("workflows", "calendars"), "calendars");

    /// <summary>
    /// A start written without an offset is local time in the centre's zone, which is what an
    /// operator reads off a case file; one with an offset (or Z) is taken as that instant.
    /// </summary>
    internal static DateTimeOffset ParseStart(string text, TimeZoneInfo zone)
    {
        text = text.Trim();
        if (HasOffset().IsMatch(text))
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)) return instant;
        }
        else if (DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"],
                     CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        throw new FormatException($"--from '{text}' is not a time such as 2026-09-30T10:00 (local) or 2026-09-30T10:00+08:00.");
    }

    private static TimeOnly ParseTime(string text, string option) =>
        TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new FormatException($"{option} '{text}' is not a time such as 17:30.");

    internal static IReadOnlyList<OfficeHours> ParseOfficeHours(string text)
    {
        var spans = new List<OfficeHours>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2) throw new FormatException($"--office-hours '{part}' is not a span such as 09:00-12:00.");
            spans.Add(new OfficeHours(ParseTime(ends[0], "--office-hours"), ParseTime(ends[1], "--office-hours")));
        }

        return spans;
    }

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
