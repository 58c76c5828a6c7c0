namespace Approval.Calendar.Tests;

public class OptionsTests
{
    private static WorkingCalendar Build(CalendarOptions options) => new([TestCalendars.Year2026], options);

    [Test]
    public void Defaults_are_shanghai_end_of_day_and_seven_office_hours()
    {
        var calendar = Build(new CalendarOptions());
        Assert.Multiple(() =>
        {
            Assert.That(calendar.Zone.Id, Is.EqualTo("Asia/Shanghai"));
            Assert.That(calendar.Options.CloseOfDay, Is.Null);
            Assert.That(calendar.Options.OfficeHours.Sum(h => (h.To - h.From).TotalHours), Is.EqualTo(7));
        });
    }

    [Test]
    public void Bad_options_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => Build(new CalendarOptions { TimeZone = "Mars/Olympus" }));
            Assert.Throws<ArgumentException>(() => Build(new CalendarOptions { OfficeHours = [] }));
            Assert.Throws<ArgumentException>(() => Build(new CalendarOptions { OfficeHours = [new(new TimeOnly(12, 0), new TimeOnly(9, 0))] }));
            Assert.Throws<ArgumentException>(() => Build(new CalendarOptions { OfficeHours = [new(new TimeOnly(9, 0), new TimeOnly(12, 0)), new(new TimeOnly(11, 0), new TimeOnly(17, 0))] }));
            Assert.Throws<ArgumentException>(() => Build(new CalendarOptions { CloseOfDay = TimeOnly.MinValue }));
        });
    }

    [Test]
    public void Absurd_limits_are_refused_rather_than_overflowing()
    {
        var calendar = Build(new CalendarOptions());
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Due(DateTimeOffset.UnixEpoch, TimeLimit.OfWorkingDays(int.MaxValue)));
    }

    [Test]
    public void A_negative_limit_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeLimit.OfWorkingDays(-1));
}
