using static Approval.Calendar.Tests.TestCalendars;

namespace Approval.Calendar.Tests;

/// <summary>Hour limits (即办件) count office hours on working days: 09:00–12:00 and 13:30–17:30 by default.</summary>
public class HourLimitTests
{
    private static Deadline Hours(string start, int hours) => Default().Due(At(start), TimeLimit.OfHours(hours));

    [Test]
    public void Four_hours_from_16_00_end_at_11_30_the_next_working_day()
    {
        // 16:00–17:30 is 1.5 h, so 2.5 h remain next morning: 09:00 + 2.5 h = 11:30 (not 11:00).
        Assert.That(Hours("2026-03-02T16:00+08:00", 4).At, Is.EqualTo(At("2026-03-03T11:30+08:00")));
    }

    [Test]
    public void The_next_working_day_may_be_a_make_up_saturday()
    {
        // Fri 13 Feb 16:00 → Sat 14 Feb (make-up working day) 11:30.
        Assert.That(Hours("2026-02-13T16:00+08:00", 4).At, Is.EqualTo(At("2026-02-14T11:30+08:00")));
        // Sat 14 Feb 16:00 → the holiday runs to 23 Feb → Tue 24 Feb 11:30.
        Assert.That(Hours("2026-02-14T16:00+08:00", 4).At, Is.EqualTo(At("2026-02-24T11:30+08:00")));
    }

    [Test]
    public void Lunch_break_evenings_and_weekends_do_not_count()
    {
        Assert.Multiple(() =>
        {
            // 1.5 h today, 3 h next morning, 1.5 h after lunch → 15:00.
            Assert.That(Hours("2026-03-02T16:00+08:00", 6).At, Is.EqualTo(At("2026-03-03T15:00+08:00")));
            // Started in the lunch break: counting starts at 13:30.
            Assert.That(Hours("2026-03-02T12:30+08:00", 1).At, Is.EqualTo(At("2026-03-02T14:30+08:00")));
            // Started in the evening: counting starts next morning.
            Assert.That(Hours("2026-03-02T20:00+08:00", 1).At, Is.EqualTo(At("2026-03-03T10:00+08:00")));
            // Friday afternoon to Monday morning.
            Assert.That(Hours("2026-03-06T17:00+08:00", 1).At, Is.EqualTo(At("2026-03-09T09:30+08:00")));
        });
    }

    [Test]
    public void A_limit_that_uses_up_a_span_exactly_ends_at_the_span_end_not_at_the_next_opening()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Hours("2026-03-02T09:00+08:00", 7).At, Is.EqualTo(At("2026-03-02T17:30+08:00")));
            Assert.That(Hours("2026-03-02T09:00+08:00", 3).At, Is.EqualTo(At("2026-03-02T12:00+08:00")));
        });
    }

    [Test]
    public void Zero_hours_is_due_at_the_start()
    {
        Assert.That(Hours("2026-03-02T20:00+08:00", 0).At, Is.EqualTo(At("2026-03-02T12:00Z")));
    }

    [Test]
    public void Custom_office_hours_are_used()
    {
        var calendar = Default(new CalendarOptions { OfficeHours = [new(new TimeOnly(8, 30), new TimeOnly(12, 0)), new(new TimeOnly(14, 0), new TimeOnly(18, 0))] });
        // 16:00–18:00 is 2 h; 08:30 + 2 h = 10:30.
        Assert.That(calendar.Due(At("2026-03-02T16:00+08:00"), TimeLimit.OfHours(4)).At, Is.EqualTo(At("2026-03-03T10:30+08:00")));
    }
}
