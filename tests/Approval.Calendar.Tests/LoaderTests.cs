using static Approval.Calendar.Tests.TestCalendars;

namespace Approval.Calendar.Tests;

/// <summary>Bad calendar files are refused with the file name and the JSON path of each problem.</summary>
public class LoaderTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "calendar-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void The_shipped_2026_file_matches_the_state_council_notice()
    {
        var year = Year2026;
        Assert.Multiple(() =>
        {
            Assert.That(year.Year, Is.EqualTo(2026));
            Assert.That(year.Source, Does.Contain("2025-11-04"));
            Assert.That(year.Holidays.Select(h => $"{h.Name} {h.From:MM-dd}..{h.To:MM-dd}"), Is.EqualTo(new[]
            {
                "元旦 01-01..01-03", "春节 02-15..02-23", "清明节 04-04..04-06", "劳动节 05-01..05-05",
                "端午节 06-19..06-21", "中秋节 09-25..09-27", "国庆节 10-01..10-07",
            }));
            Assert.That(year.MakeUpWorkingDays.Select(m => m.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(new[] { "01-04", "02-14", "02-28", "05-09", "09-20", "10-10" }));
        });
    }

    [Test]
    public void Load_directory_reads_year_files_and_ignores_the_schema()
    {
        var years = CalendarLoader.LoadDirectory(CalendarsDirectory);
        Assert.That(years.Select(y => y.Year), Is.EqualTo(new[] { 2026 }));
    }

    private CalendarDataException Refused(string json, string name = "2026.json")
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, json);
        var e = Assert.Throws<CalendarDataException>(() => CalendarLoader.LoadFile(path))!;
        Assert.That(e.File, Is.EqualTo(path));
        Assert.That(e.Message, Does.StartWith(path + ":"));
        return e;
    }

    private static string File2026(string holidays, string makeUps = "[]") =>
        $$"""{ "year": 2026, "holidays": {{holidays}}, "makeUpWorkingDays": {{makeUps}} }""";

    [Test]
    public void A_date_outside_the_year_is_refused_at_its_path()
    {
        var e = Refused(File2026("""[ { "name": "元旦", "from": "2025-12-31", "to": "2026-01-01" } ]"""));
        Assert.That(e.Problems.Select(p => p.JsonPath), Is.EqualTo(new[] { "$.holidays[0].from" }));
        Assert.That(e.Message, Does.Contain("$.holidays[0].from").And.Contain("outside 2026"));
    }

    [Test]
    public void Overlapping_holidays_are_refused_naming_both()
    {
        var e = Refused(File2026("""
            [ { "name": "劳动节", "from": "2026-05-01", "to": "2026-05-05" },
              { "name": "typo", "from": "2026-05-05", "to": "2026-05-06" } ]
            """));
        Assert.That(e.Problems.Single().JsonPath, Is.EqualTo("$.holidays[1]"));
        Assert.That(e.Message, Does.Contain("overlaps $.holidays[0]"));
    }

    [Test]
    public void A_make_up_day_that_is_not_a_weekend_is_refused()
    {
        var e = Refused(File2026("[]", """[ { "date": "2026-03-02", "name": "wrong" } ]"""));
        Assert.That(e.Problems.Single().JsonPath, Is.EqualTo("$.makeUpWorkingDays[0].date"));
        Assert.That(e.Message, Does.Contain("Monday").And.Contain("Saturday or Sunday"));
    }

    [Test]
    public void A_make_up_day_inside_a_holiday_or_listed_twice_is_refused()
    {
        var e = Refused(File2026(
            """[ { "name": "国庆节", "from": "2026-10-01", "to": "2026-10-07" } ]""",
            """[ { "date": "2026-10-03", "name": "x" }, { "date": "2026-10-10", "name": "y" }, { "date": "2026-10-10", "name": "z" } ]"""));
        Assert.That(e.Problems.Select(p => p.JsonPath), Is.EqualTo(new[] { "$.makeUpWorkingDays[0].date", "$.makeUpWorkingDays[2].date" }));
    }

    [Test]
    public void Shape_errors_are_all_reported_with_paths()
    {
        var e = Refused("""
            { "year": "2026", "holiday": [],
              "makeUpWorkingDays": [ { "date": "2026/01/04" }, 7 ] }
            """);
        Assert.That(e.Problems.Select(p => p.JsonPath), Is.EquivalentTo(new[]
        {
            "$.holiday", "$.year", "$.holidays", "$.makeUpWorkingDays[0].date", "$.makeUpWorkingDays[0].name", "$.makeUpWorkingDays[1]",
        }));
        Assert.That(e.Message, Does.Contain("unknown property 'holiday'").And.Contain("YYYY-MM-DD"));
    }

    [Test]
    public void Malformed_json_is_refused_with_its_line()
    {
        var e = Refused("{ \"year\": 2026,\n  \"holidays\": [ }");
        Assert.That(e.Message, Does.Contain("not valid JSON").And.Contain("line 2"));
    }

    [Test]
    public void A_file_whose_name_and_year_disagree_is_refused()
    {
        File.WriteAllText(Path.Combine(_directory, "2027.json"), File2026("[]"));
        var e = Assert.Throws<CalendarDataException>(() => CalendarLoader.LoadDirectory(_directory))!;
        Assert.That(e.Message, Does.Contain("2027.json").And.Contain("$.year").And.Contain("holds year 2026"));
    }

    [Test]
    public void A_missing_file_is_refused_naming_it()
    {
        var path = Path.Combine(_directory, "2030.json");
        var e = Assert.Throws<CalendarDataException>(() => CalendarLoader.LoadFile(path))!;
        Assert.That(e.Message, Does.StartWith(path));
    }

    [Test]
    public void The_calendar_refuses_inconsistent_data_built_in_code()
    {
        var bad = new CalendarYear(2026, [], [new MakeUpWorkingDay(new DateOnly(2026, 3, 2), "Monday")], null);
        var e = Assert.Throws<ArgumentException>(() => new WorkingCalendar([bad], new CalendarOptions()))!;
        Assert.That(e.Message, Does.Contain("$.makeUpWorkingDays[0].date"));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar([Year2026, Year2026], new CalendarOptions()));
    }
}
