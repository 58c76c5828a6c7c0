using System.Globalization;

namespace Approval.Calendar.Tests;

/// <summary>The shipped 2026 data, a hypothetical 2027 for tests, and helpers for fixed instants.</summary>
internal static class TestCalendars
{
    public static string CalendarsDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "calendars");

    public static CalendarYear Year2026 { get; } = CalendarLoader.LoadFile(Path.Combine(CalendarsDirectory, "2026.json"));

    /// <summary>Test data only — the 2027 notice is not published. New Year off on Fri 1 – Sun 3 January, Sat 16 January worked.</summary>
    public static CalendarYear Hypothetical2027 { get; } = new(
        2027,
        [new Holiday("元旦 (hypothetical)", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3))],
        [new MakeUpWorkingDay(new DateOnly(2027, 1, 16), "元旦调休上班 (hypothetical)")],
        "test data");

    public static WorkingCalendar Default(CalendarOptions? options = null) => new([Year2026], options ?? new CalendarOptions());

    public static WorkingCalendar WithHypothetical2027(CalendarOptions? options = null) => new([Year2026, Hypothetical2027], options ?? new CalendarOptions());

    /// <summary>An instant written as ISO 8601 with its offset, e.g. <c>2026-02-12T10:00+08:00</c>.</summary>
    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>Shanghai local time (UTC+8 throughout 2026–2027).</summary>
    public static DateTimeOffset Shanghai(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), TimeSpan.FromHours(8));

    /// <summary>24:00 of <paramref name="date"/> in Shanghai, as an instant.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Oracle: the <paramref name="n"/>th working day after <paramref name="date"/>, by walking day by day.</summary>
    public static DateOnly NthWorkingDayAfter(WorkingCalendar calendar, DateOnly date, int n)
    {
        var d = date;
        for (var counted = 0; counted < n;)
        {
            d = d.AddDays(1);
            if (calendar.IsWorkingDay(d)) counted++;
        }

        return d;
    }

    /// <summary>Oracle for hour limits: walks minute by minute through the default office hours.</summary>
    public static DateTimeOffset AddOfficeMinutes(WorkingCalendar calendar, DateTimeOffset start, int minutes)
    {
        var local = start.ToOffset(TimeSpan.FromHours(8));
        var left = minutes;
        while (left > 0)
        {
            var date = DateOnly.FromDateTime(local.DateTime);
            var t = TimeOnly.FromDateTime(local.DateTime);
            var inOffice = calendar.IsWorkingDay(date) &&
                ((t >= new TimeOnly(9, 0) && t < new TimeOnly(12, 0)) || (t >= new TimeOnly(13, 30) && t < new TimeOnly(17, 30)));
            local = local.AddMinutes(1);
            if (inOffice) left--;
        }

        return local;
    }
}
