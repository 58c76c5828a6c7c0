using System.Globalization;
using Approval.Calendar;

namespace Approval.Cli.Commands;

/// <summary>The text that <c>approval calendar</c> prints; plain lines so it can be pasted into a ticket.</summary>
internal static class CalendarReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteDue(TextWriter output, WorkingCalendar calendar, string directory, DateTimeOffset start, TimeLimit limit, Deadline due)
    {
        var zone = calendar.Zone.Id;
        var startDate = DateOnly.FromDateTime(calendar.ToLocal(start).DateTime);
        var dueDate = calendar.DeadlineDate(due.At);
        output.WriteLine($"Start:        {Local(calendar, start)} {zone}");
        output.WriteLine($"Limit:        {limit}");
        output.WriteLine($"Due:          {Local(calendar, due.At)} {zone}{EndOfDayNote(calendar, due.At, dueDate)}");
        output.WriteLine($"Due (UTC):    {due.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant)}");
        output.WriteLine($"Provisional:  {(due.Provisional ? "YES" : "no")}");
        if (due.Provisional) WriteMissingYears(output, calendar, directory);

        // Working days: the start day itself is not counted, so it is explained apart; hours count from the start instant.
        IReadOnlyList<DayInfo> days;
        if (limit.IsWorkingDays)
        {
            output.WriteLine($"Start day:    {Day(startDate)} is not counted (the day a period starts does not count)");
            days = calendar.DaysBetween(startDate, dueDate);
        }
        else
        {
            days = calendar.DaysBetween(startDate.AddDays(-1), dueDate);
        }

        var special = days.Where(d => d.Kind != DayKind.Working).ToList();
        output.WriteLine(special.Count == 0
            ? "Skipped:      nothing — every day up to the due day is an ordinary working day"
            : "Days that are not ordinary working days:");
        foreach (var day in special) output.WriteLine($"  {Day(day.Date)}  {Why(day)}");

        var counted = days.Count(d => d.IsWorkingDay);
        output.WriteLine($"Counted:      {counted} working day(s) between {Day(days.Count > 0 ? days[0].Date : startDate)} and {Day(dueDate)}");
    }

    /// <returns>False when there is no data file for <paramref name="year"/> (the listing printed is the provisional weekends-only rule).</returns>
    public static bool WriteYear(TextWriter output, WorkingCalendar calendar, string directory, int year)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var data = calendar.Years.FirstOrDefault(y => y.Year == year);
        output.WriteLine($"Calendar {year} ({calendar.Zone.Id})");
        if (data is null)
        {
            output.WriteLine($"PROVISIONAL: no {year}.json in {directory}; weekends-only rule (every Monday–Friday works).");
            output.WriteLine($"Working days: {calendar.CountWorkingDays(first.AddDays(-1), last)} of {last.DayOfYear} (provisional)");
            return false;
        }

        output.WriteLine($"Source:       {data.Source ?? "(not given)"}");
        output.WriteLine("Holidays:");
        foreach (var h in data.Holidays.OrderBy(h => h.From))
        {
            var length = h.To.DayNumber - h.From.DayNumber + 1;
            var weekdaysOff = Enumerable.Range(0, length).Count(i => h.From.AddDays(i).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
            output.WriteLine($"  {Day(h.From)} – {Day(h.To)}  {length} day(s) off, {weekdaysOff} of them weekdays  {h.Name}");
        }

        output.WriteLine("Make-up working days:");
        if (data.MakeUpWorkingDays.Count == 0) output.WriteLine("  (none)");
        foreach (var m in data.MakeUpWorkingDays.OrderBy(m => m.Date)) output.WriteLine($"  {Day(m.Date)}  {m.Name}");

        output.WriteLine($"Working days: {calendar.CountWorkingDays(first.AddDays(-1), last)} of {last.DayOfYear}");
        return true;
    }

    private static void WriteMissingYears(TextWriter output, WorkingCalendar calendar, string directory)
    {
        foreach (var year in calendar.MissingYearsUsed)
        {
            output.WriteLine($"  no calendar file for {year} in {directory}: weekends-only rule used for {year}.");
            output.WriteLine($"  The due may move when {year}.json is added from the State Council notice; recompute then.");
        }
    }

    private static string Why(DayInfo day)
    {
        var reason = day.Kind switch
        {
            DayKind.Weekend => "weekend (not counted)",
            DayKind.Holiday => $"holiday {day.Name} (not counted)",
            DayKind.MakeUpWorkingDay => $"make-up working day {day.Name} (counted)",
            _ => "working day (counted)",
        };
        return day.Provisional ? $"{reason} [provisional: no data for {day.Date.Year}]" : reason;
    }

    private static string EndOfDayNote(WorkingCalendar calendar, DateTimeOffset at, DateOnly dueDate)
    {
        var local = calendar.ToLocal(at);
        return local.TimeOfDay == TimeSpan.Zero ? $" (end of {Day(dueDate)}, 24:00)" : $" ({Day(dueDate)})";
    }

    private static string Local(WorkingCalendar calendar, DateTimeOffset instant) =>
        calendar.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", Invariant);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd ddd", Invariant);
}
