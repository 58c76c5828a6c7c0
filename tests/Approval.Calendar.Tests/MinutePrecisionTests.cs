using static Approval.Calendar.Tests.TestCalendars;

namespace Approval.Calendar.Tests;

/// <summary>
/// Deadlines are kept to the whole minute: a stop of a few seconds (a clerk's click after a
/// supplement request) does not leave a due at 16:00:05.1086371 UTC, nor push a close-of-day due
/// into the next day, so a later extension still lands on a close of day.
/// </summary>
public class MinutePrecisionTests
{
    private static readonly TimeLimit Days = TimeLimit.OfWorkingDays(1);

    [Test]
    public void A_stop_of_seconds_leaves_a_close_of_day_due_where_it_was()
    {
        var calendar = Default();
        var due = EndOfDay(Date("2026-12-07")); // Mon 24:00 = 2026-12-07T16:00Z
        var stoppedAt = At("2026-12-03T10:15:00.0000000+08:00");
        var resumedAt = stoppedAt.AddTicks(51_086_371); // 5.1086371 s later

        var resumed = calendar.Resume(due, stoppedAt, resumedAt, Days);

        Assert.That(resumed.At, Is.EqualTo(At("2026-12-07T16:00:00Z")));
    }

    [Test]
    public void A_stop_counts_its_whole_minutes_only()
    {
        var calendar = Default();
        var due = EndOfDay(Date("2026-12-07"));
        var stoppedAt = At("2026-12-03T10:15:12.5+08:00");
        var resumedAt = At("2026-12-03T12:20:40.9+08:00"); // 2 h 5 min 28.4 s

        var resumed = calendar.Resume(due, stoppedAt, resumedAt, Days);

        // 2 h 5 min past the close of Mon 7 Dec is Tue 8 Dec 02:05 local.
        Assert.That(resumed.At, Is.EqualTo(At("2026-12-08T02:05:00+08:00")));
        Assert.That(resumed.At.Ticks % TimeSpan.TicksPerMinute, Is.Zero);
    }

    [Test]
    public void An_extension_after_a_short_stop_lands_on_the_close_of_a_working_day()
    {
        var calendar = Default();
        // Due at the close of Wed 9 Dec; a stop of 8 s; then two working days more: the close of Fri 11 Dec, not Mon 00:00:08.
        var stoppedAt = At("2026-12-04T09:30:00+08:00");
        var resumed = calendar.Resume(EndOfDay(Date("2026-12-09")), stoppedAt, stoppedAt.AddSeconds(8), Days);
        var extended = calendar.Add(resumed.At, TimeLimit.OfWorkingDays(2));

        Assert.That(extended.At, Is.EqualTo(EndOfDay(Date("2026-12-11"))));
    }

    [Test]
    public void An_hour_limit_from_a_start_with_seconds_ends_on_a_whole_minute()
    {
        var calendar = Default();
        var due = calendar.Due(At("2026-12-03T10:00:05.108+08:00"), TimeLimit.OfHours(1));

        Assert.That(due.At, Is.EqualTo(At("2026-12-03T11:00:00+08:00")));
    }
}
