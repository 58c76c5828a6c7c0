namespace Approval.Calendar;

/// <summary>
/// Precomputed lookups for one year with data, so that a working-day count is two array reads.
/// </summary>
internal sealed class YearTable
{
    public YearTable(CalendarYear data)
    {
        Data = data;
        StartDay = new DateOnly(data.Year, 1, 1).DayNumber;
        var length = new DateOnly(data.Year + 1, 1, 1).DayNumber - StartDay;
        Kinds = new DayKind[length];
        Names = new string?[length];
        for (var i = 0; i < length; i++)
            Kinds[i] = WorkingCalendar.IsWeekendDayNumber(StartDay + i) ? DayKind.Weekend : DayKind.Working;

        foreach (var h in data.Holidays)
        {
            for (var d = h.From.DayNumber; d <= h.To.DayNumber; d++)
            {
                Kinds[d - StartDay] = DayKind.Holiday;
                Names[d - StartDay] = h.Name;
            }
        }

        foreach (var m in data.MakeUpWorkingDays)
        {
            Kinds[m.Date.DayNumber - StartDay] = DayKind.MakeUpWorkingDay;
            Names[m.Date.DayNumber - StartDay] = m.Name;
        }

        Working = new bool[length];
        Prefix = new int[length + 1];
        for (var i = 0; i < length; i++)
        {
            Working[i] = Kinds[i] is DayKind.Working or DayKind.MakeUpWorkingDay;
            Prefix[i + 1] = Prefix[i] + (Working[i] ? 1 : 0);
        }

        // How far this year departs from the weekends-only rule; the running sum of these lets a
        // count cross any number of years in O(1).
        Correction = Prefix[length] - (WorkingCalendar.WeekdaysBefore(StartDay + length) - WorkingCalendar.WeekdaysBefore(StartDay));
    }

    public CalendarYear Data { get; }
    public int StartDay { get; }
    public DayKind[] Kinds { get; }
    public string?[] Names { get; }
    public bool[] Working { get; }

    /// <summary>Prefix[i] = working days among the year's first i days.</summary>
    public int[] Prefix { get; }

    public int Correction { get; }

    /// <summary>Working days from 0001-01-01 up to (not including) this year's 1 January; set by the calendar.</summary>
    public int WorkingDaysBeforeYear { get; set; }
}

/// <summary>
/// The part of each working day that a clock counts, as sorted tick spans of local time. The day
/// clock has one span (00:00–24:00); the hour clock has the office hours.
/// </summary>
internal sealed class ClockShape
{
    private readonly long[] _from;
    private readonly long[] _to;
    private readonly long[] _before;

    public ClockShape(IReadOnlyList<(long From, long To)> spans)
    {
        _from = new long[spans.Count];
        _to = new long[spans.Count];
        _before = new long[spans.Count];
        long total = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            _from[i] = spans[i].From;
            _to[i] = spans[i].To;
            _before[i] = total;
            total += spans[i].To - spans[i].From;
        }

        Length = total;
    }

    /// <summary>Ticks a working day adds to this clock.</summary>
    public long Length { get; }

    /// <summary>Ticks of counted time in a working day up to time-of-day <paramref name="tod"/>.</summary>
    public long Elapsed(long tod)
    {
        long elapsed = 0;
        for (var i = 0; i < _from.Length; i++)
        {
            if (tod <= _from[i]) break;
            elapsed += Math.Min(tod, _to[i]) - _from[i];
        }

        return elapsed;
    }

    /// <summary>
    /// The earliest time of day at which <paramref name="elapsed"/> (in (0, Length]) ticks have been
    /// counted: the end of a span, never the start of the next one.
    /// </summary>
    public long TimeOfDayAt(long elapsed)
    {
        for (var i = 0; i < _from.Length; i++)
        {
            var span = _to[i] - _from[i];
            if (elapsed <= _before[i] + span) return _from[i] + (elapsed - _before[i]);
        }

        return _to[^1];
    }
}
