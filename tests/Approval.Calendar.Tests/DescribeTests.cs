using static Approval.Calendar.Tests.TestCalendars;

namespace Approval.Calendar.Tests;

public class DescribeTests
{
    [Test]
    public void Each_kind_of_day_is_described_with_its_name()
    {
        var calendar = Default();
        Assert.Multiple(() =>
        {
            Assert.That(calendar.Describe(Date("2026-03-02")), Is.EqualTo(new DayInfo(Date("2026-03-02"), DayKind.Working, null, false)));
            Assert.That(calendar.Describe(Date("2026-03-07")), Is.EqualTo(new DayInfo(Date("2026-03-07"), DayKind.Weekend, null, false)));
            Assert.That(calendar.Describe(Date("2026-10-01")), Is.EqualTo(new DayInfo(Date("2026-10-01"), DayKind.Holiday, "国庆节", false)));
            Assert.That(calendar.Describe(Date("2026-10-04")), Is.EqualTo(new DayInfo(Date("2026-10-04"), DayKind.Holiday, "国庆节", false)), "a Sunday inside a holiday is reported as the holiday");
            Assert.That(calendar.Describe(Date("2026-02-14")), Is.EqualTo(new DayInfo(Date("2026-02-14"), DayKind.MakeUpWorkingDay, "春节调休上班", false)));
            Assert.That(calendar.IsWorkingDay(Date("2026-02-14")), Is.True);
            Assert.That(calendar.IsWorkingDay(Date("2026-02-16")), Is.False);
        });
    }

    [Test]
    public void Days_between_explain_what_the_spring_festival_example_skipped()
    {
        var days = Default().DaysBetween(Date("2026-02-12"), Date("2026-02-24"));
        Assert.That(days, Has.Count.EqualTo(12));
        Assert.Multiple(() =>
        {
            Assert.That(days[0].Date, Is.EqualTo(Date("2026-02-13")));
            Assert.That(days[^1].Date, Is.EqualTo(Date("2026-02-24")));
            Assert.That(days.Count(d => d.IsWorkingDay), Is.EqualTo(3));
            Assert.That(days.Count(d => d.Kind == DayKind.Holiday), Is.EqualTo(9));
            Assert.That(Default().DaysBetween(Date("2026-02-24"), Date("2026-02-24")), Is.Empty);
        });
    }

    [Test]
    public void Year_2026_has_248_working_days_counted_by_hand()
    {
        // 261 weekdays (1 Jan is a Thursday, 365 days); 19 of them are holidays
        // (元旦 2, 春节 6, 清明 1, 劳动 3, 端午 1, 中秋 1, 国庆 5); 6 make-up Saturdays/Sundays.
        Assert.That(Default().CountWorkingDays(Date("2025-12-31"), Date("2026-12-31")), Is.EqualTo(248));
    }

    [Test]
    public void Working_day_counts_cross_years_with_and_without_data()
    {
        var calendar = WithHypothetical2027();
        // 2025 (no data) Mon 29 – Wed 31 Dec: 29, 30, 31 → then 2026 1–3 Jan off, 4 Jan make-up → 4 days through 4 Jan.
        Assert.That(calendar.CountWorkingDays(Date("2025-12-28"), Date("2026-01-04")), Is.EqualTo(4));
        // Hypothetical 2027: 1–3 Jan off, 4–8 (5), 11–15 (10), Sat 16 make-up (11).
        Assert.That(calendar.CountWorkingDays(Date("2026-12-31"), Date("2027-01-16")), Is.EqualTo(11));
    }
}
