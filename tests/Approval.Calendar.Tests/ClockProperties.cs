using FsCheck;
using FsCheck.Fluent;
using static Approval.Calendar.Tests.TestCalendars;

namespace Approval.Calendar.Tests;

/// <summary>
/// Properties of the working clock over December 2025 – December 2027, which crosses a year with
/// no data (2025), the shipped 2026, a hypothetical 2027 and another missing year (2028). Where an
/// exact value is asserted it comes from a day-by-day or minute-by-minute oracle, not from the clock.
/// </summary>
public class ClockProperties
{
    private static readonly WorkingCalendar Calendar = WithHypothetical2027();
    private static readonly WorkingCalendar Closing = WithHypothetical2027(new CalendarOptions { CloseOfDay = new TimeOnly(17, 30) });
    private static readonly DateOnly First = new(2025, 12, 1);
    private static readonly DateOnly Last = new(2027, 12, 31);

    private static Gen<DateOnly> AnyDate => Gen.Choose(0, Last.DayNumber - First.DayNumber).Select(First.AddDays);

    private static Gen<DateOnly> WorkingDate => AnyDate.Where(Calendar.IsWorkingDay);

    /// <summary>Any minute of the range.</summary>
    private static Gen<DateTimeOffset> AnyInstant =>
        from date in AnyDate
        from minute in Gen.Choose(0, 1439)
        select Shanghai(date, TimeOnly.MinValue).AddMinutes(minute);

    /// <summary>A minute of a working day's day-clock time, (00:00, 24:00]: instants that are the earliest with their clock position.</summary>
    private static Gen<DateTimeOffset> DayClockInstant =>
        from date in WorkingDate
        from minute in Gen.Choose(1, 1440)
        select Shanghai(date, TimeOnly.MinValue).AddMinutes(minute);

    /// <summary>A minute inside office hours, (09:00, 12:00] or (13:30, 17:30]: earliest with its hour-clock position.</summary>
    private static Gen<DateTimeOffset> OfficeInstant =>
        from date in WorkingDate
        from minute in Gen.OneOf(Gen.Choose(9 * 60 + 1, 12 * 60), Gen.Choose(13 * 60 + 31, 17 * 60 + 30))
        select Shanghai(date, TimeOnly.MinValue).AddMinutes(minute);

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(8)).DateTime);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property A_due_is_the_close_of_the_nth_working_day_after_the_start_day() =>
        Prop.ForAll((from start in AnyInstant from n in Gen.Choose(1, 60) select (start, n)).ToArbitrary(), t =>
        {
            var expected = NthWorkingDayAfter(Calendar, LocalDate(t.start), t.n);
            var due = Calendar.Due(t.start, TimeLimit.OfWorkingDays(t.n));
            var closing = Closing.Due(t.start, TimeLimit.OfWorkingDays(t.n));
            var dueDate = Calendar.DeadlineDate(due.At);
            return due.At == EndOfDay(expected) && Calendar.IsWorkingDay(dueDate) && dueDate == expected
                && closing.At == Shanghai(expected, new TimeOnly(17, 30));
        });

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property More_working_days_or_hours_never_give_an_earlier_due() =>
        Prop.ForAll((from start in AnyInstant from a in Gen.Choose(0, 40) from b in Gen.Choose(0, 40) select (start, Small: Math.Min(a, b), Large: Math.Max(a, b))).ToArbitrary(), t =>
            Calendar.Due(t.start, TimeLimit.OfWorkingDays(t.Small)).At <= Calendar.Due(t.start, TimeLimit.OfWorkingDays(t.Large)).At
            && Calendar.Due(t.start, TimeLimit.OfHours(t.Small)).At <= Calendar.Due(t.start, TimeLimit.OfHours(t.Large)).At
            && Closing.Due(t.start, TimeLimit.OfWorkingDays(t.Small)).At <= Closing.Due(t.start, TimeLimit.OfWorkingDays(t.Large)).At);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property A_stop_never_makes_a_due_earlier() =>
        Prop.ForAll((from due in AnyInstant from a in AnyInstant from b in AnyInstant select (due, s: a < b ? a : b, r: a < b ? b : a)).ToArbitrary(), t =>
            Calendar.Resume(t.due, t.s, t.r, TimeLimit.OfWorkingDays(1)).At >= t.due
            && Calendar.Resume(t.due, t.s, t.r, TimeLimit.OfHours(1)).At >= t.due);

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Stopping_for_k_working_days_moves_the_due_by_exactly_k_working_days() =>
        Prop.ForAll((from start in AnyInstant from n in Gen.Choose(1, 30) from stopDate in WorkingDate from minute in Gen.Choose(0, 1439) from k in Gen.Choose(0, 25)
                     select (start, n, s: Shanghai(stopDate, TimeOnly.MinValue).AddMinutes(minute), k)).ToArbitrary(), t =>
        {
            var r = Shanghai(NthWorkingDayAfter(Calendar, LocalDate(t.s), t.k), TimeOnly.FromTimeSpan(t.s.ToOffset(TimeSpan.FromHours(8)).TimeOfDay));
            var due = Calendar.Due(t.start, TimeLimit.OfWorkingDays(t.n));
            var moved = NthWorkingDayAfter(Calendar, Calendar.DeadlineDate(due.At), t.k);
            var closingDue = Closing.Due(t.start, TimeLimit.OfWorkingDays(t.n));
            return Calendar.Resume(due.At, t.s, r, TimeLimit.OfWorkingDays(t.n)).At == EndOfDay(moved)
                && Closing.Resume(closingDue.At, t.s, r, TimeLimit.OfWorkingDays(t.n)).At == Shanghai(moved, new TimeOnly(17, 30));
        });

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Adding_and_subtracting_working_days_round_trip() =>
        Prop.ForAll((from at in DayClockInstant from n in Gen.Choose(0, 60) select (at, n)).ToArbitrary(), t =>
        {
            var amount = TimeLimit.OfWorkingDays(t.n);
            return Calendar.Subtract(Calendar.Add(t.at, amount).At, amount).At == t.at
                && Calendar.Add(Calendar.Subtract(t.at, amount).At, amount).At == t.at;
        });

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Adding_and_subtracting_office_hours_round_trip() =>
        Prop.ForAll((from at in OfficeInstant from n in Gen.Choose(0, 100) select (at, n)).ToArbitrary(), t =>
        {
            var amount = TimeLimit.OfHours(t.n);
            return Calendar.Subtract(Calendar.Add(t.at, amount).At, amount).At == t.at
                && Calendar.Add(Calendar.Subtract(t.at, amount).At, amount).At == t.at;
        });

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property Hour_limits_match_a_minute_by_minute_count_of_office_time() =>
        Prop.ForAll((from start in AnyInstant from h in Gen.Choose(0, 20) select (start, h)).ToArbitrary(), t =>
            Calendar.Due(t.start, TimeLimit.OfHours(t.h)).At == AddOfficeMinutes(Calendar, t.start, t.h * 60));

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Subtracting_n_working_days_lands_on_a_working_day_n_working_days_earlier() =>
        Prop.ForAll((from at in DayClockInstant from n in Gen.Choose(1, 40) select (at, n)).ToArbitrary(), t =>
        {
            // A yellow card n days before a due always lands on a working day's time, n working days earlier.
            var back = Calendar.Subtract(t.at, TimeLimit.OfWorkingDays(t.n));
            var backDate = Calendar.DeadlineDate(back.At);
            return Calendar.IsWorkingDay(backDate) && Calendar.CountWorkingDays(backDate, Calendar.DeadlineDate(t.at)) == t.n;
        });
}
