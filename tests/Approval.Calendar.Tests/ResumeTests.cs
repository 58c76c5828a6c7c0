using static Approval.Calendar.Tests.TestCalendars;

namespace Approval.Calendar.Tests;

/// <summary>A stopped clock (补正, 特别程序) moves the due by the working time inside the stop.</summary>
public class ResumeTests
{
    private static readonly TimeLimit Days = TimeLimit.OfWorkingDays(1);
    private static readonly TimeLimit Hours = TimeLimit.OfHours(1);

    [Test]
    public void A_stop_spanning_national_day_moves_the_due_by_working_days_not_calendar_days()
    {
        var calendar = Default();
        // Mon 28 Sep start, 5 working days: 29, 30 Sep, 8, 9, 10 (make-up Sat) Oct → close of Sat 10 Oct.
        var due = calendar.Due(At("2026-09-28T10:00+08:00"), TimeLimit.OfWorkingDays(5));
        Assert.That(due.At, Is.EqualTo(EndOfDay(Date("2026-10-10"))));

        // Stopped Tue 29 Sep 10:00 – Fri 9 Oct 10:00: ten calendar days, but only 14 h + 24 h (30 Sep)
        // + 24 h (8 Oct) + 10 h = three working days of clock time.
        var resumed = calendar.Resume(due.At, At("2026-09-29T10:00+08:00"), At("2026-10-09T10:00+08:00"), Days);

        // Three working days after Sat 10 Oct: Mon 12, Tue 13, Wed 14 → close of 14 Oct (calendar days would give 20 Oct).
        Assert.That(resumed, Is.EqualTo(new Deadline(EndOfDay(Date("2026-10-14")), false)));
    }

    [Test]
    public void A_stop_after_the_due_still_moves_it()
    {
        var calendar = Default();
        var due = EndOfDay(Date("2026-03-05")); // Thursday
        var resumed = calendar.Resume(due, At("2026-03-09T09:00+08:00"), At("2026-03-10T09:00+08:00"), Days);
        Assert.That(resumed.At, Is.EqualTo(EndOfDay(Date("2026-03-06"))));
    }

    [Test]
    public void A_stop_inside_a_weekend_or_holiday_changes_nothing()
    {
        var calendar = Default();
        var due = EndOfDay(Date("2026-10-13"));
        Assert.Multiple(() =>
        {
            Assert.That(calendar.Resume(due, At("2026-10-01T09:00+08:00"), At("2026-10-07T18:00+08:00"), Days).At, Is.EqualTo(due));
            Assert.That(calendar.Resume(due, At("2026-10-03T09:00+08:00"), At("2026-10-03T09:00+08:00"), Days).At, Is.EqualTo(due));
        });
    }

    [Test]
    public void Part_of_a_day_counts_to_the_tick_on_the_day_clock()
    {
        // Five hours stopped on a working day move a 24:00 due to 05:00 of the next working day (documented choice).
        var calendar = Default();
        var resumed = calendar.Resume(EndOfDay(Date("2026-03-06")), At("2026-03-02T10:00+08:00"), At("2026-03-02T15:00+08:00"), Days);
        Assert.That(resumed.At, Is.EqualTo(At("2026-03-09T05:00+08:00")));
    }

    [Test]
    public void On_the_hour_clock_only_office_hours_inside_the_stop_count()
    {
        var calendar = Default();
        var due = At("2026-03-03T11:30+08:00");
        Assert.Multiple(() =>
        {
            // One office hour stopped (Mon 16:00–17:00): 11:30 + 1 h = 12:00 + 30 min after lunch.
            Assert.That(calendar.Resume(due, At("2026-03-02T16:00+08:00"), At("2026-03-02T17:00+08:00"), Hours).At, Is.EqualTo(At("2026-03-03T14:00+08:00")));
            // Half an hour stopped ends exactly at the morning close, not at the afternoon opening.
            Assert.That(calendar.Resume(due, At("2026-03-02T16:00+08:00"), At("2026-03-02T16:30+08:00"), Hours).At, Is.EqualTo(At("2026-03-03T12:00+08:00")));
            // Stopped Mon 17:00 – Tue 10:00 = 30 min + 60 min office time.
            Assert.That(calendar.Resume(due, At("2026-03-02T17:00+08:00"), At("2026-03-03T10:00+08:00"), Hours).At, Is.EqualTo(At("2026-03-03T14:30+08:00")));
        });
    }

    [Test]
    public void Resuming_before_stopping_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            Default().Resume(EndOfDay(Date("2026-03-06")), At("2026-03-02T15:00+08:00"), At("2026-03-02T10:00+08:00"), Days));
    }
}
