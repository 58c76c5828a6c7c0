using static Approval.Calendar.Tests.TestCalendars;

namespace Approval.Calendar.Tests;

/// <summary>Add / Subtract along the working clock, and the earliest-instant rule for gaps.</summary>
public class ClockTests
{
    [Test]
    public void Adding_working_days_keeps_the_time_of_day()
    {
        // Thu 5 March 10:00 + 1 → Fri 10:00; + 2 → Mon 9 March 10:00.
        var calendar = Default();
        Assert.Multiple(() =>
        {
            Assert.That(calendar.Add(At("2026-03-05T10:00+08:00"), TimeLimit.OfWorkingDays(1)).At, Is.EqualTo(At("2026-03-06T10:00+08:00")));
            Assert.That(calendar.Add(At("2026-03-05T10:00+08:00"), TimeLimit.OfWorkingDays(2)).At, Is.EqualTo(At("2026-03-09T10:00+08:00")));
        });
    }

    [Test]
    public void A_position_in_a_gap_maps_to_the_earliest_instant_friday_24_00_not_monday_00_00()
    {
        // Thursday 24:00 + 1 working day = Friday 24:00, written as Saturday 00:00 local.
        var result = Default().Add(EndOfDay(Date("2026-03-05")), TimeLimit.OfWorkingDays(1));
        Assert.That(result.At, Is.EqualTo(EndOfDay(Date("2026-03-06"))));
        Assert.That(Default().DeadlineDate(result.At), Is.EqualTo(Date("2026-03-06")));
    }

    [Test]
    public void An_instant_in_a_weekend_adds_from_the_end_of_the_last_working_day()
    {
        // Sat 7 March 10:00 sits at Friday's 24:00 on the clock; + 1 → Monday 24:00.
        Assert.That(Default().Add(At("2026-03-07T10:00+08:00"), TimeLimit.OfWorkingDays(1)).At, Is.EqualTo(EndOfDay(Date("2026-03-09"))));
    }

    [Test]
    public void Yellow_card_one_working_day_before_a_due_after_spring_festival_falls_on_the_make_up_saturday()
    {
        var due = Default().Due(At("2026-02-12T10:00+08:00"), TimeLimit.OfWorkingDays(3));
        var yellow = Default().Subtract(due.At, TimeLimit.OfWorkingDays(1));
        Assert.That(yellow, Is.EqualTo(new Deadline(EndOfDay(Date("2026-02-14")), false)));

        var closing = Default(new CalendarOptions { CloseOfDay = new TimeOnly(17, 30) });
        var closingDue = closing.Due(At("2026-02-12T10:00+08:00"), TimeLimit.OfWorkingDays(3));
        Assert.That(closing.Subtract(closingDue.At, TimeLimit.OfWorkingDays(1)).At, Is.EqualTo(At("2026-02-14T17:30+08:00")));
    }

    [Test]
    public void Subtracting_office_hours_inverts_adding_them()
    {
        var calendar = Default();
        var start = At("2026-03-02T16:00+08:00");
        var due = calendar.Add(start, TimeLimit.OfHours(4));
        Assert.That(calendar.Subtract(due.At, TimeLimit.OfHours(4)).At, Is.EqualTo(start));
        // Two office hours before Tuesday 09:30 is Monday 16:00 (30 minutes Tuesday, 90 Monday).
        Assert.That(calendar.Subtract(At("2026-03-03T09:30+08:00"), TimeLimit.OfHours(2)).At, Is.EqualTo(At("2026-03-02T16:00+08:00")));
    }

    [Test]
    public void Adding_zero_returns_the_instant_itself_even_in_a_gap()
    {
        var saturday = At("2026-03-07T10:00+08:00");
        Assert.Multiple(() =>
        {
            Assert.That(Default().Add(saturday, TimeLimit.OfWorkingDays(0)).At, Is.EqualTo(saturday));
            Assert.That(Default().Subtract(saturday, TimeLimit.OfHours(0)).At, Is.EqualTo(saturday));
        });
    }

    [Test]
    public void Results_are_utc()
    {
        var result = Default().Add(At("2026-03-05T10:00+08:00"), TimeLimit.OfHours(1));
        Assert.That(result.At.Offset, Is.EqualTo(TimeSpan.Zero));
    }
}
