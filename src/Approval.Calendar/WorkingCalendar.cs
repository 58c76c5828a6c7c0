using System.Collections.Concurrent;

namespace Approval.Calendar;

/// <summary>
/// The legal clock of one service centre: which local dates are working days (工作日), and where
/// a time limit (限时办结) ends when counted on them.
/// </summary>
/// <remarks>
/// <para>
/// <b>The working clock.</b> Two monotone maps from instant to accumulated working time underlie
/// every computation. On the <i>day clock</i> each working day contributes its whole local day
/// (00:00–24:00) and other days contribute nothing; working-day limits run on it. On the
/// <i>hour clock</i> only the <see cref="CalendarOptions.OfficeHours"/> of working days count;
/// hour limits run on it. <see cref="Add"/>, <see cref="Subtract"/> and <see cref="Resume"/> move a
/// position along the clock and map it back to an instant.
/// </para>
/// <para>
/// <b>Gaps.</b> Many instants share one clock position (all of a weekend, the night between two
/// office days). Mapping back always picks the <i>earliest</i> such instant: one working day after
/// Thursday 24:00 is Friday 24:00 (written as Saturday 00:00 local), not Monday 00:00; four office
/// hours before Monday 11:30 is Friday 16:00. So the result of <c>Add</c> is the first moment the
/// amount has run out, and <c>Subtract</c> then <c>Add</c> returns to that earliest instant.
/// </para>
/// <para>
/// <b>Missing years.</b> A year without a <see cref="CalendarYear"/> is counted with the
/// weekends-only rule; every result that depends on such a year says so
/// (<see cref="Deadline.Provisional"/>, <see cref="DayInfo.Provisional"/>), and the year is added to
/// <see cref="MissingYearsUsed"/> and announced once through <see cref="MissingYearUsed"/>.
/// </para>
/// <para>
/// <b>Time.</b> Nothing here reads the wall clock: every instant is passed in. Instants may carry
/// any offset; they are converted to the configured zone, and results are UTC (offset 0). In zones
/// with daylight saving the clock runs on wall time; an ambiguous local time maps to its earlier
/// instant and a nonexistent one to the same reading in standard time.
/// </para>
/// <para>
/// <b>Thread safety.</b> Immutable after construction except for the append-only, thread-safe record
/// of missing years used; every member may be called concurrently. The hot paths (<see cref="Due"/>,
/// <see cref="Add"/>, <see cref="Subtract"/>, <see cref="Resume"/>, <see cref="IsWorkingDay"/>) do not
/// allocate once the years they touch have been seen.
/// </para>
/// </remarks>
public sealed class WorkingCalendar
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;

    // Limits chosen so that clock positions (ticks since 0001-01-01) never overflow a long.
    private const int MaxWorkingDays = 1_000_000;
    private const int MaxHours = 100_000_000;

    // 9999-12-31 is never a result: a deadline at its 24:00 could not be written.
    private static readonly int LastDay = DateOnly.MaxValue.DayNumber - 1;

    private readonly YearTable?[] _tables;
    private readonly int _minYear;
    private readonly int _maxYear;

    // _correctionBefore[i] = working days that years _minYear .. _minYear+i-1 add to (or take from) the weekends-only count.
    private readonly int[] _correctionBefore;
    private readonly ClockShape _dayClock = new([(0L, TicksPerDay)]);
    private readonly ClockShape _hourClock;
    private readonly long? _closeOfDay;
    private readonly ConcurrentDictionary<int, byte> _missingYearsUsed = new();

    /// <summary>Builds a calendar from per-year data and the centre's options.</summary>
    /// <param name="years">At most one entry per year; each must pass <see cref="CalendarYear.Validate"/>.</param>
    /// <param name="options">Zone, close of day and office hours.</param>
    /// <exception cref="ArgumentException">A year's data is inconsistent, a year is given twice, the zone is unknown, or the office hours are empty, reversed or overlapping.</exception>
    public WorkingCalendar(IEnumerable<CalendarYear> years, CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Zone = FindZone(options.TimeZone);
        _hourClock = new ClockShape(OfficeSpans(options.OfficeHours));
        if (options.CloseOfDay is { } close)
        {
            if (close == TimeOnly.MinValue)
                throw new ArgumentException("CloseOfDay 00:00 would end a limit before its last day starts; leave it null for the end of the day (24:00).", nameof(options));
            _closeOfDay = close.Ticks;
        }

        var sorted = new SortedDictionary<int, CalendarYear>();
        foreach (var year in years)
        {
            if (year is null) throw new ArgumentException("A calendar year is null.", nameof(years));
            var problems = year.Validate();
            if (problems.Count > 0)
                throw new ArgumentException($"Calendar data for {year.Year} is inconsistent:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}", nameof(years));
            if (!sorted.TryAdd(year.Year, year))
                throw new ArgumentException($"Calendar data for {year.Year} is given twice.", nameof(years));
        }

        Years = [.. sorted.Values];
        if (sorted.Count == 0)
        {
            _tables = [];
            _correctionBefore = [0];
            return;
        }

        _minYear = sorted.Keys.First();
        _maxYear = sorted.Keys.Last();
        _tables = new YearTable?[_maxYear - _minYear + 1];
        _correctionBefore = new int[_tables.Length + 1];
        for (var y = _minYear; y <= _maxYear; y++)
        {
            var i = y - _minYear;
            var correction = 0;
            if (sorted.TryGetValue(y, out var data))
            {
                var table = new YearTable(data);
                table.WorkingDaysBeforeYear = WeekdaysBefore(table.StartDay) + _correctionBefore[i];
                _tables[i] = table;
                correction = table.Correction;
            }

            _correctionBefore[i + 1] = _correctionBefore[i] + correction;
        }
    }

    /// <summary>Raised once per year, on the calling thread, the first time a computation uses a year with no data.</summary>
    /// <remarks>Handlers must be quick and must not throw: they run inside the computation that found the gap.</remarks>
    public event EventHandler<int>? MissingYearUsed;

    /// <summary>The configured time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The options this calendar was built with.</summary>
    public CalendarOptions Options { get; }

    /// <summary>The years with data, in ascending order.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>Years without data that some computation has used so far (ascending); grows, never shrinks.</summary>
    public IReadOnlyCollection<int> MissingYearsUsed => [.. _missingYearsUsed.Keys.Order()];

    /// <summary>True when <paramref name="year"/> has a <see cref="CalendarYear"/>.</summary>
    public bool HasDataFor(int year) => TableFor(year) is not null;

    /// <summary>What kind of day <paramref name="date"/> is, and why.</summary>
    public DayInfo Describe(DateOnly date)
    {
        if (TableFor(date.Year) is { } t)
        {
            var i = date.DayNumber - t.StartDay;
            return new DayInfo(date, t.Kinds[i], t.Names[i], false);
        }

        NoteMissing(date.Year);
        return new DayInfo(date, IsWeekendDayNumber(date.DayNumber) ? DayKind.Weekend : DayKind.Working, null, true);
    }

    /// <summary>True for ordinary weekdays and make-up working days; false for weekends and holidays.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (TableFor(date.Year) is { } t) return t.Working[date.DayNumber - t.StartDay];
        NoteMissing(date.Year);
        return !IsWeekendDayNumber(date.DayNumber);
    }

    /// <summary>Every day after <paramref name="fromExclusive"/> up to and including <paramref name="toInclusive"/>; empty when the range is empty.</summary>
    public IReadOnlyList<DayInfo> DaysBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        if (toInclusive <= fromExclusive) return [];
        var days = new DayInfo[toInclusive.DayNumber - fromExclusive.DayNumber];
        for (var i = 0; i < days.Length; i++)
            days[i] = Describe(DateOnly.FromDayNumber(fromExclusive.DayNumber + 1 + i));
        return days;
    }

    /// <summary>How many working days lie after <paramref name="fromExclusive"/> up to and including <paramref name="toInclusive"/> (0 when the range is empty).</summary>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        if (toInclusive <= fromExclusive) return 0;
        NoteMissingYears(fromExclusive.DayNumber + 1, toInclusive.DayNumber);
        return WorkingDaysBefore(toInclusive.DayNumber + 1, out _) - WorkingDaysBefore(fromExclusive.DayNumber + 1, out _);
    }

    /// <summary>
    /// The local date whose working time a deadline closes: the instant's local date, except that
    /// local 00:00 is read as 24:00 of the day before (so a limit ending at the close of Friday reports Friday).
    /// </summary>
    public DateOnly DeadlineDate(DateTimeOffset deadline)
    {
        var local = LocalTicks(deadline);
        var day = (int)(local / TicksPerDay);
        return DateOnly.FromDayNumber(local % TicksPerDay == 0 ? day - 1 : day);
    }

    /// <summary>The instant as local time in <see cref="Zone"/>, with the zone's offset at that instant.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>
    /// When a limit that starts at <paramref name="start"/> is due — the legal rule.
    /// </summary>
    /// <remarks>
    /// Working days: the start's local date is not counted, whether or not it is a working day
    /// (民法典 art. 201); the limit ends at the close of the Nth working day after it — 24:00, or
    /// <see cref="CalendarOptions.CloseOfDay"/> when set. Zero working days ends at the close of the
    /// start's own day, never before <paramref name="start"/> itself.
    /// Hours: office hours on working days counted from <paramref name="start"/> itself, the same as
    /// <see cref="Add"/>; a start outside office hours begins counting at the next office span.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The limit is absurdly large (over a million working days).</exception>
    public Deadline Due(DateTimeOffset start, TimeLimit limit)
    {
        if (!limit.IsWorkingDays) return Add(start, limit);
        var n = limit.Amount;
        CheckAmount(limit);

        var startDay = (int)(LocalTicks(start) / TicksPerDay);
        int dueDay;
        if (n == 0)
        {
            dueDay = startDay;
        }
        else
        {
            // Working days strictly before startDay + 1 are the ones not counted; the due day is the (n-1)th after them.
            var k = WorkingDaysBefore(startDay + 1, out _) + n - 1;
            dueDay = NthWorkingDay(k, startDay + n);
        }

        var at = _closeOfDay is { } close ? FromLocal(dueDay * TicksPerDay + close) : FromLocal((dueDay + 1L) * TicksPerDay);
        if (at < start) at = start.ToUniversalTime();
        return new Deadline(ToMinute(at), NoteMissingYears(startDay, dueDay));
    }

    /// <summary>
    /// Moves <paramref name="at"/> forward by <paramref name="amount"/> along the working clock
    /// (days: whole local working days; hours: office hours) — for extensions (延期) and escalation
    /// after a red card. Lands on the earliest instant with the resulting clock position; an amount
    /// of zero returns <paramref name="at"/> unchanged.
    /// </summary>
    /// <remarks>Unlike <see cref="Due"/> this does not round to the close of a day: one working day after Thursday 10:00 is Friday 10:00.</remarks>
    public Deadline Add(DateTimeOffset at, TimeLimit amount)
    {
        var (clock, ticks) = Amount(amount);
        var position = Position(at, clock, out var day);
        if (ticks == 0) return new Deadline(ToMinute(at), NoteMissingYears(day, day));
        var result = ToMinute(InstantAt(position + ticks, clock, day + (int)(ticks / clock.Length)));
        return new Deadline(result, NoteMissingYears(day, DeadlineDayNumber(result)));
    }

    /// <summary>
    /// Moves <paramref name="at"/> back by <paramref name="amount"/> along the working clock — for a
    /// yellow card "one working day before due". One working day before Thursday 24:00 is Wednesday
    /// 24:00; before Thursday 17:30 it is Wednesday 17:30. The exact inverse of <see cref="Add"/> on
    /// clock positions; lands on the earliest instant with the resulting position.
    /// </summary>
    public Deadline Subtract(DateTimeOffset at, TimeLimit amount)
    {
        var (clock, ticks) = Amount(amount);
        var position = Position(at, clock, out var day);
        if (ticks == 0) return new Deadline(ToMinute(at), NoteMissingYears(day, day));
        if (position - ticks <= 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "Moving back this far leaves the calendar's range.");
        var result = ToMinute(InstantAt(position - ticks, clock, day - (int)(ticks / clock.Length)));
        return new Deadline(result, NoteMissingYears(DeadlineDayNumber(result), day));
    }

    /// <summary>
    /// The new due instant after the clock stood still from <paramref name="stoppedAt"/> to
    /// <paramref name="resumedAt"/> (补正, 特别程序): the due moves forward by exactly the working
    /// time inside the stop, measured on the clock <paramref name="unitOf"/> runs on (its amount is
    /// ignored). A stop over weekends and holidays only moves it by the working days inside it; a stop
    /// after the due still moves it; a stop never makes it earlier; an empty stop leaves it unchanged.
    /// </summary>
    /// <remarks>
    /// On the day clock a stop counts in whole minutes (seconds are cut off): a stop from 10:00 to
    /// 15:00 on a working day moves a due at 24:00 to 05:00 of the next working day; a stop of 5.1 s
    /// moves nothing. Every deadline this class returns is at a whole minute. Stops that overlap are the caller's business:
    /// pass one merged interval.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="resumedAt"/> is before <paramref name="stoppedAt"/>.</exception>
    public Deadline Resume(DateTimeOffset due, DateTimeOffset stoppedAt, DateTimeOffset resumedAt, TimeLimit unitOf)
    {
        if (resumedAt < stoppedAt) throw new ArgumentException($"The clock resumed ({resumedAt:O}) before it stopped ({stoppedAt:O}).", nameof(resumedAt));
        var clock = unitOf.IsWorkingDays ? _dayClock : _hourClock;
        var stopped = Position(stoppedAt, clock, out var stopDay);
        var resumed = Position(resumedAt, clock, out var resumeDay);
        var position = Position(due, clock, out _);
        var dueDay = DeadlineDayNumber(due);
        var provisional = NoteMissingYears(stopDay, resumeDay);
        // The law counts stopped time in days and a clerk reads minutes: only whole minutes of a stop
        // move the due, so a stop of a few seconds leaves a close-of-day due at the close of its day.
        var delta = (resumed - stopped) / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute;
        if (delta == 0) return new Deadline(ToMinute(due), NoteMissingYears(dueDay, dueDay) | provisional);
        var result = ToMinute(InstantAt(position + delta, clock, dueDay + (int)(delta / clock.Length)));
        return new Deadline(result, NoteMissingYears(dueDay, DeadlineDayNumber(result)) | provisional);
    }

    /// <summary>
    /// Deadlines are kept to the whole minute (the precision of a notice and of what a clerk reads):
    /// anything finer is cut off, so a due is never later than the exact computation.
    /// </summary>
    private static DateTimeOffset ToMinute(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

    internal static bool IsWeekendDayNumber(int dayNumber) => dayNumber % 7 >= 5; // day 0 (0001-01-01) is a Monday

    /// <summary>Monday–Friday days among day numbers [0, dayNumber).</summary>
    internal static int WeekdaysBefore(int dayNumber) => dayNumber / 7 * 5 + Math.Min(dayNumber % 7, 5);

    private YearTable? TableFor(int year) =>
        year >= _minYear && year <= _maxYear && _tables.Length > 0 ? _tables[year - _minYear] : null;

    /// <summary>Working days among day numbers [0, dayNumber), and whether dayNumber itself is one.</summary>
    private int WorkingDaysBefore(int dayNumber, out bool working)
    {
        var year = DateOnly.FromDayNumber(dayNumber).Year;
        if (TableFor(year) is { } t)
        {
            var i = dayNumber - t.StartDay;
            working = t.Working[i];
            return t.WorkingDaysBeforeYear + t.Prefix[i];
        }

        working = !IsWeekendDayNumber(dayNumber);
        var correction = year < _minYear ? 0 : year > _maxYear ? _correctionBefore[^1] : _correctionBefore[year - _minYear];
        return WeekdaysBefore(dayNumber) + correction;
    }

    /// <summary>The working day with exactly <paramref name="k"/> working days before it, searched outward from <paramref name="hint"/>.</summary>
    private int NthWorkingDay(int k, int hint)
    {
        // Invariant: CountThrough(lo) <= k < CountThrough(hi); then hi is the day sought. Gallop from the
        // hint (usually within a week or two of the answer), then bisect.
        hint = Math.Clamp(hint, 0, LastDay);
        int lo, hi;
        if (CountThrough(hint) > k)
        {
            hi = hint;
            var step = 8;
            lo = hint - step;
            while (lo >= 0 && CountThrough(lo) > k)
            {
                hi = lo;
                step *= 2;
                lo = hint - step;
            }

            lo = Math.Max(lo, -1); // CountThrough(-1) would be 0 <= k
        }
        else
        {
            lo = hint;
            var step = 8;
            hi = (int)Math.Min((long)hint + step, LastDay);
            while (CountThrough(hi) <= k)
            {
                if (hi == LastDay) throw new ArgumentOutOfRangeException(nameof(k), "The result lies beyond the calendar's range (year 9999).");
                lo = hi;
                step *= 2;
                hi = (int)Math.Min((long)hint + step, LastDay);
            }
        }

        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (CountThrough(mid) > k) hi = mid;
            else lo = mid;
        }

        return hi;
    }

    private int CountThrough(int dayNumber) => WorkingDaysBefore(dayNumber + 1, out _);

    private long Position(DateTimeOffset instant, ClockShape clock, out int dayNumber)
    {
        var local = LocalTicks(instant);
        dayNumber = (int)(local / TicksPerDay);
        var before = WorkingDaysBefore(dayNumber, out var working);
        return (before * clock.Length) + (working ? clock.Elapsed(local - (dayNumber * TicksPerDay)) : 0);
    }

    private DateTimeOffset InstantAt(long position, ClockShape clock, int hintDay)
    {
        // Positions in (n·L, (n+1)·L] belong to the working day with n working days before it, so an
        // exact multiple of L lands on the end of a day rather than the start of the next one.
        var n = (position - 1) / clock.Length;
        var elapsed = position - (n * clock.Length);
        var day = NthWorkingDay((int)n, hintDay);
        return FromLocal((day * TicksPerDay) + clock.TimeOfDayAt(elapsed));
    }

    private (ClockShape Clock, long Ticks) Amount(TimeLimit amount)
    {
        CheckAmount(amount);
        return amount.IsWorkingDays
            ? (_dayClock, amount.Amount * TicksPerDay)
            : (_hourClock, amount.Amount * TimeSpan.TicksPerHour);
    }

    private static void CheckAmount(TimeLimit amount)
    {
        if (amount.Amount > (amount.IsWorkingDays ? MaxWorkingDays : MaxHours))
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The time limit is too large for the calendar.");
    }

    private long LocalTicks(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime.Ticks;

    private DateTimeOffset FromLocal(long localTicks)
    {
        var local = new DateTime(localTicks, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (Zone.IsAmbiguousTime(local))
        {
            // Earliest instant: the larger offset is the reading before the clocks went back.
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            offset = offsets.Max();
        }
        else
        {
            offset = Zone.GetUtcOffset(local); // standard offset for a nonexistent (skipped) local time
        }

        return new DateTimeOffset(localTicks - offset.Ticks, TimeSpan.Zero);
    }

    private int DeadlineDayNumber(DateTimeOffset deadline) => DeadlineDate(deadline).DayNumber;

    /// <summary>Records every year without data in [fromDay, toDay] (either order); true when there was one.</summary>
    private bool NoteMissingYears(int fromDay, int toDay)
    {
        if (toDay < fromDay) (fromDay, toDay) = (toDay, fromDay);
        var missing = false;
        var last = DateOnly.FromDayNumber(Math.Clamp(toDay, 0, DateOnly.MaxValue.DayNumber)).Year;
        for (var year = DateOnly.FromDayNumber(Math.Clamp(fromDay, 0, DateOnly.MaxValue.DayNumber)).Year; year <= last; year++)
        {
            if (TableFor(year) is null)
            {
                NoteMissing(year);
                missing = true;
            }
        }

        return missing;
    }

    private void NoteMissing(int year)
    {
        if (_missingYearsUsed.TryAdd(year, 0)) MissingYearUsed?.Invoke(this, year);
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new ArgumentException($"Unknown time zone '{id}' (use an IANA id such as Asia/Shanghai).", nameof(id), e);
        }
    }

    private static List<(long From, long To)> OfficeSpans(IReadOnlyList<OfficeHours> hours)
    {
        if (hours is null || hours.Count == 0) throw new ArgumentException("Office hours are empty: hour limits could never end.", nameof(hours));
        var spans = new List<(long, long)>(hours.Count);
        for (var i = 0; i < hours.Count; i++)
        {
            var h = hours[i];
            if (h.To <= h.From) throw new ArgumentException($"Office hours {h} end before they start.", nameof(hours));
            if (i > 0 && h.From < hours[i - 1].To) throw new ArgumentException($"Office hours {h} overlap or precede {hours[i - 1]}; list them in order.", nameof(hours));
            spans.Add((h.From.Ticks, h.To.Ticks));
        }

        return spans;
    }
}
