using System.CommandLine;
using Approval.Cli.Commands;
using Approval.Cli.Hosting;

namespace Approval.Cli.Tests;

/// <summary><c>approval calendar due|show</c>, invoked through the command objects with captured output.</summary>
public class CalendarCommandTests
{
    private static readonly string Calendars =
        CalendarCommand.FindCalendarsDirectory(TestContext.CurrentContext.TestDirectory)
        ?? throw new InvalidOperationException("workflows/calendars not found above the test directory");

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(CalendarCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliRunner.InvokeAsync(root, args, new InvocationConfiguration { Output = output, Error = error }).GetAwaiter().GetResult();
        return (exit, output.ToString(), error.ToString());
    }

    private static (int Exit, string Out, string Err) Due(params string[] args) =>
        Run(["calendar", "due", "--calendars", Calendars, .. args]);

    [Test]
    public void Due_prints_the_national_day_example_with_every_special_day_explained()
    {
        var (exit, output, error) = Due("--from", "2026-09-30T10:00", "--working-days", "5");

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("Due:          2026-10-14T00:00:00+08:00 Asia/Shanghai (end of 2026-10-13 Tue, 24:00)"));
        Assert.That(output, Does.Contain("Due (UTC):    2026-10-13T16:00:00Z"));
        Assert.That(output, Does.Contain("Provisional:  no"));
        Assert.That(output, Does.Contain("Start day:    2026-09-30 Wed is not counted"));
        Assert.That(output, Does.Contain("2026-10-01 Thu  holiday 国庆节 (not counted)"));
        Assert.That(output, Does.Contain("2026-10-07 Wed  holiday 国庆节 (not counted)"));
        Assert.That(output, Does.Contain("2026-10-10 Sat  make-up working day 国庆节调休上班 (counted)"));
        Assert.That(output, Does.Contain("2026-10-11 Sun  weekend (not counted)"));
        Assert.That(output, Does.Contain("Counted:      5 working day(s) between 2026-10-01 Thu and 2026-10-13 Tue"));
        Assert.That(output, Does.Not.Contain("2026-10-08"), "ordinary working days are not listed");
    }

    [Test]
    public void Due_says_loudly_when_a_year_has_no_file()
    {
        var (exit, output, _) = Due("--from", "2026-12-15T10:00", "--working-days", "20");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("Due:          2027-01-13T00:00:00+08:00"));
        Assert.That(output, Does.Contain("Provisional:  YES"));
        Assert.That(output, Does.Contain("no calendar file for 2027"));
        Assert.That(output, Does.Contain("2027-01-02 Sat  weekend (not counted) [provisional: no data for 2027]"));
    }

    [Test]
    public void Due_counts_office_hours_for_an_hour_limit()
    {
        var (exit, output, _) = Due("--from", "2026-03-02T16:00", "--hours", "4");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("Due:          2026-03-03T11:30:00+08:00 Asia/Shanghai (2026-03-03 Tue)"));
    }

    [Test]
    public void Due_honours_close_of_day_and_an_explicit_offset()
    {
        var (exit, output, error) = Due("--from", "2026-09-30T02:00Z", "--working-days", "5", "--close-of-day", "17:30");
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("Start:        2026-09-30T10:00:00+08:00 Asia/Shanghai"));
        Assert.That(output, Does.Contain("Due:          2026-10-13T17:30:00+08:00 Asia/Shanghai (2026-10-13 Tue)"));
    }

    [TestCase]
    [TestCase("--working-days", "3", "--hours", "4")]
    public void Due_wants_exactly_one_kind_of_limit(params string[] limit)
    {
        var (exit, _, error) = Due(["--from", "2026-09-30T10:00", .. limit]);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("exactly one of --working-days N or --hours N"));
    }

    [Test]
    public void Due_refuses_an_unreadable_start()
    {
        var (exit, _, error) = Due("--from", "30/09/2026", "--working-days", "3");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--from '30/09/2026'"));
    }

    [Test]
    public void A_bad_calendar_file_is_reported_with_its_name_and_json_path()
    {
        var directory = Path.Combine(Path.GetTempPath(), "calendar-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var file = Path.Combine(directory, "2026.json");
            File.WriteAllText(file, """{ "year": 2026, "holidays": [], "makeUpWorkingDays": [ { "date": "2026-03-04", "name": "Wednesday" } ] }""");
            var (exit, _, error) = Run("calendar", "due", "--calendars", directory, "--from", "2026-03-02T10:00", "--working-days", "1");
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error, Does.Contain(file).And.Contain("$.makeUpWorkingDays[0].date"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Show_lists_the_year()
    {
        var (exit, output, error) = Run("calendar", "show", "2026", "--calendars", Calendars);

        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("Source:       国务院办公厅关于2026年部分节假日安排的通知"));
        Assert.That(output, Does.Contain("2026-02-15 Sun – 2026-02-23 Mon  9 day(s) off, 6 of them weekdays  春节"));
        Assert.That(output, Does.Contain("2026-02-14 Sat  春节调休上班"));
        Assert.That(output, Does.Contain("Working days: 248 of 365"));
    }

    [Test]
    public void Show_marks_a_year_without_a_file_as_provisional_and_exits_1()
    {
        var (exit, output, _) = Run("calendar", "show", "2027", "--calendars", Calendars);
        Assert.That(exit, Is.EqualTo(1), "docs/calendar.md: 1 for missing calendar data");
        Assert.That(output, Does.Contain("PROVISIONAL: no 2027.json"));
        Assert.That(output, Does.Contain("Working days: 261 of 365 (provisional)"));
    }

    [Test]
    public void The_default_directory_is_found_by_walking_up()
    {
        var root = Path.Combine(Path.GetTempPath(), "calendar-walk-" + Guid.NewGuid().ToString("N"));
        var calendars = Directory.CreateDirectory(Path.Combine(root, "workflows", "calendars")).FullName;
        var nested = Directory.CreateDirectory(Path.Combine(root, "a", "b")).FullName;
        try
        {
            Assert.That(CalendarCommand.FindCalendarsDirectory(nested), Is.EqualTo(calendars));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Office_hours_are_parsed_from_the_command_line()
    {
        Assert.That(CalendarCommand.ParseOfficeHours("08:30-12:00, 14:00-18:00"), Is.EqualTo(new[]
        {
            new Approval.Calendar.OfficeHours(new TimeOnly(8, 30), new TimeOnly(12, 0)),
            new Approval.Calendar.OfficeHours(new TimeOnly(14, 0), new TimeOnly(18, 0)),
        }));
    }
}
