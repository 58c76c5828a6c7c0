using static Approval.Calendar.Tests.TestCalendars;

namespace Approval.Calendar.Tests;

/// <summary>A year without data is counted weekends-only, loudly: provisional results and a record of the year.</summary>
public class ProvisionalTests
{
    private static readonly DateTimeOffset MidDecember = At("2026-12-15T10:00+08:00");

    [Test]
    public void Twenty_working_days_into_2027_without_its_file_are_provisional_and_2027_is_recorded()
    {
        var calendar = Default();
        var announced = new List<int>();
        calendar.MissingYearUsed += (_, year) => announced.Add(year);

        // Dec 16–18 (3), 21–25 (8), 28–31 (12); 2027 weekends-only: Fri 1 Jan (13), 4–8 (18), 11 (19), 12 (20).
        var due = calendar.Due(MidDecember, TimeLimit.OfWorkingDays(20));
        calendar.Due(MidDecember, TimeLimit.OfWorkingDays(20));

        Assert.Multiple(() =>
        {
            Assert.That(due, Is.EqualTo(new Deadline(EndOfDay(Date("2027-01-12")), true)));
            Assert.That(calendar.MissingYearsUsed, Is.EqualTo(new[] { 2027 }));
            Assert.That(announced, Is.EqualTo(new[] { 2027 }), "announced once per year, not once per call");
        });
    }

    [Test]
    public void With_2027_data_the_same_limit_is_final()
    {
        var calendar = WithHypothetical2027();
        // Hypothetical New Year 1–3 Jan: Dec gives 12, then 4–8 (17), 11 (18), 12 (19), 13 (20) — one day
        // later than the provisional answer, because 1 January is now a holiday.
        var due = calendar.Due(MidDecember, TimeLimit.OfWorkingDays(20));

        Assert.That(due, Is.EqualTo(new Deadline(EndOfDay(Date("2027-01-13")), false)));
        Assert.That(calendar.MissingYearsUsed, Is.Empty);
    }

    [Test]
    public void A_due_at_24_00_on_31_december_does_not_touch_the_next_year()
    {
        var calendar = Default();
        // Tue 29 Dec: 30 (1), 31 (2) → 24:00 on 31 Dec, written as 2027-01-01T00:00 local.
        var due = calendar.Due(At("2026-12-29T10:00+08:00"), TimeLimit.OfWorkingDays(2));
        Assert.That(due, Is.EqualTo(new Deadline(EndOfDay(Date("2026-12-31")), false)));
        Assert.That(calendar.MissingYearsUsed, Is.Empty);
    }

    [Test]
    public void Every_operation_that_touches_a_missing_year_says_so()
    {
        var calendar = Default();
        var january = At("2027-01-05T10:00+08:00");
        Assert.Multiple(() =>
        {
            Assert.That(calendar.Add(At("2026-12-30T10:00+08:00"), TimeLimit.OfWorkingDays(3)).Provisional, Is.True);
            Assert.That(calendar.Subtract(january, TimeLimit.OfWorkingDays(1)).Provisional, Is.True);
            Assert.That(calendar.Resume(EndOfDay(Date("2026-12-10")), At("2026-12-30T10:00+08:00"), january, TimeLimit.OfWorkingDays(1)).Provisional, Is.True);
            Assert.That(calendar.Describe(Date("2025-10-01")), Is.EqualTo(new DayInfo(Date("2025-10-01"), DayKind.Working, null, true)));
            Assert.That(calendar.Add(At("2026-06-01T10:00+08:00"), TimeLimit.OfWorkingDays(3)).Provisional, Is.False);
        });
        Assert.That(calendar.MissingYearsUsed, Is.EqualTo(new[] { 2025, 2027 }));
    }

    [Test]
    public void Has_data_for_reports_the_years_loaded()
    {
        var calendar = Default();
        Assert.Multiple(() =>
        {
            Assert.That(calendar.HasDataFor(2026), Is.True);
            Assert.That(calendar.HasDataFor(2027), Is.False);
            Assert.That(calendar.MissingYearsUsed, Is.Empty, "asking does not count as using");
        });
    }

    [Test]
    public void A_calendar_without_any_data_still_answers_provisionally()
    {
        var calendar = new WorkingCalendar([], new CalendarOptions());
        var due = calendar.Due(At("2026-09-30T10:00+08:00"), TimeLimit.OfWorkingDays(5));
        // Weekends-only: Oct 1, 2, 5, 6, 7.
        Assert.That(due, Is.EqualTo(new Deadline(EndOfDay(Date("2026-10-07")), true)));
    }
}
