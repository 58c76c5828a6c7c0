using static Approval.Calendar.Tests.TestCalendars;

namespace Approval.Calendar.Tests;

/// <summary>The legal rule: the start day is not counted; the limit ends at the close of the Nth working day after it.</summary>
public class DueTests
{
    [Test]
    public void Spring_festival_example_counts_the_make_up_saturday_and_skips_the_holiday()
    {
        // Thu 12 Feb start; Fri 13 (1), Sat 14 make-up (2), 15–23 Spring Festival, Tue 24 (3).
        var due = Default().Due(At("2026-02-12T10:00+08:00"), TimeLimit.OfWorkingDays(3));

        Assert.That(due, Is.EqualTo(new Deadline(At("2026-02-24T16:00:00Z"), false)));
        Assert.That(due.At, Is.EqualTo(EndOfDay(Date("2026-02-24"))));
        Assert.That(due.At.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void National_day_example_counts_the_make_up_saturday()
    {
        // 1–7 Oct off; Thu 8 (1), Fri 9 (2), Sat 10 make-up (3), Mon 12 (4), Tue 13 (5).
        var due = Default().Due(At("2026-09-30T10:00+08:00"), TimeLimit.OfWorkingDays(5));

        Assert.That(due, Is.EqualTo(new Deadline(EndOfDay(Date("2026-10-13")), false)));
    }

    [Test]
    public void Close_of_day_option_ends_the_limit_at_that_time_on_the_last_day()
    {
        var calendar = Default(new CalendarOptions { CloseOfDay = new TimeOnly(17, 30) });

        Assert.Multiple(() =>
        {
            Assert.That(calendar.Due(At("2026-02-12T10:00+08:00"), TimeLimit.OfWorkingDays(3)).At, Is.EqualTo(At("2026-02-24T17:30+08:00")));
            Assert.That(calendar.Due(At("2026-09-30T10:00+08:00"), TimeLimit.OfWorkingDays(5)).At, Is.EqualTo(At("2026-10-13T17:30+08:00")));
            // Started after closing time: the start day still is not counted, so nothing changes.
            Assert.That(calendar.Due(At("2026-09-30T19:00+08:00"), TimeLimit.OfWorkingDays(5)).At, Is.EqualTo(At("2026-10-13T17:30+08:00")));
        });
    }

    [Test]
    public void The_start_day_is_not_counted_even_when_it_is_a_working_day_or_a_holiday()
    {
        var calendar = Default();
        Assert.Multiple(() =>
        {
            // Sat 14 Feb is a make-up working day, but it is the start day: the next working day is Tue 24.
            Assert.That(calendar.Due(At("2026-02-14T09:00+08:00"), TimeLimit.OfWorkingDays(1)).At, Is.EqualTo(EndOfDay(Date("2026-02-24"))));
            // Started on a holiday: counting begins with the first working day after it.
            Assert.That(calendar.Due(At("2026-10-03T15:00+08:00"), TimeLimit.OfWorkingDays(1)).At, Is.EqualTo(EndOfDay(Date("2026-10-08"))));
            // Started at the very first instant of a Friday: Friday is still the start day.
            Assert.That(calendar.Due(At("2026-03-06T00:00+08:00"), TimeLimit.OfWorkingDays(1)).At, Is.EqualTo(EndOfDay(Date("2026-03-09"))));
        });
    }

    [Test]
    public void The_start_instant_is_read_in_the_service_centre_zone_whatever_its_offset()
    {
        var calendar = Default();
        // 2026-03-05T17:00Z is Fri 6 March 01:00 in Shanghai: Friday is the start day.
        var fromUtc = calendar.Due(At("2026-03-05T17:00Z"), TimeLimit.OfWorkingDays(1));
        var fromLocal = calendar.Due(At("2026-03-06T01:00+08:00"), TimeLimit.OfWorkingDays(1));

        Assert.That(fromUtc, Is.EqualTo(fromLocal));
        Assert.That(fromUtc.At, Is.EqualTo(EndOfDay(Date("2026-03-09"))));
    }

    [Test]
    public void Zero_working_days_is_due_at_the_close_of_the_start_day_and_never_before_the_start()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Default().Due(At("2026-03-05T10:00+08:00"), TimeLimit.OfWorkingDays(0)).At, Is.EqualTo(EndOfDay(Date("2026-03-05"))));
            var closing = Default(new CalendarOptions { CloseOfDay = new TimeOnly(17, 30) });
            Assert.That(closing.Due(At("2026-03-05T10:00+08:00"), TimeLimit.OfWorkingDays(0)).At, Is.EqualTo(At("2026-03-05T17:30+08:00")));
            Assert.That(closing.Due(At("2026-03-05T18:00+08:00"), TimeLimit.OfWorkingDays(0)).At, Is.EqualTo(At("2026-03-05T10:00Z")));
        });
    }

    [Test]
    public void Twenty_working_days_of_the_licensing_law_run_across_Qingming_and_Labour_day()
    {
        // From Wed 1 April, skipping Qingming (Sat 4 – Mon 6), counted by hand:
        // Apr 2,3,7,8,9,10,13,14,15,16,17,20,21,22,23,24,27,28,29,30 = 20 → Thu 30 April.
        var due = Default().Due(At("2026-04-01T09:00+08:00"), TimeLimit.OfWorkingDays(20));
        Assert.That(due.At, Is.EqualTo(EndOfDay(Date("2026-04-30"))));

        // One more working day jumps the Labour Day break (1–5 May) to Wed 6 May.
        Assert.That(Default().Due(At("2026-04-01T09:00+08:00"), TimeLimit.OfWorkingDays(21)).At, Is.EqualTo(EndOfDay(Date("2026-05-06"))));
    }

    [Test]
    public void Wall_clock_days_are_counted_across_a_daylight_saving_change()
    {
        // London springs forward on Sun 29 March 2026; the due is 24:00 local on Mon 30 March (BST, +01:00).
        var calendar = Default(new CalendarOptions { TimeZone = "Europe/London" });
        var due = calendar.Due(At("2026-03-27T10:00+00:00"), TimeLimit.OfWorkingDays(1));
        Assert.That(due.At, Is.EqualTo(At("2026-03-31T00:00+01:00")));
    }

    [Test]
    public void Due_does_not_allocate_once_warm()
    {
        var calendar = Default();
        var start = At("2026-02-12T10:00+08:00");
        var limit = TimeLimit.OfWorkingDays(20);
        var hours = TimeLimit.OfHours(30);
        var sink = calendar.Due(start, limit);
        sink = calendar.Due(start, hours);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            sink = calendar.Due(start.AddHours(i), limit);
            sink = calendar.Due(start.AddHours(i), hours);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, $"last result {sink}");
    }
}
