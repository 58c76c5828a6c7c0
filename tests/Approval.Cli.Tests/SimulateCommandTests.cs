using System.Text.Json;
using Approval.Calendar;
using Approval.Cli.Commands;

namespace Approval.Cli.Tests;

/// <summary>
/// <c>approval simulate</c> on open-restaurant across the 2026 National Day holiday. Expected dues
/// are counted here from the calendar's day list (<see cref="WorkingCalendar.DaysBetween"/>), not
/// through <c>Due</c>, so the command's arithmetic is checked against an independent count.
/// </summary>
public class SimulateCommandTests
{
    private static readonly string Calendars = Path.Combine(ValidateCommandTests.Workflows, "calendars");
    private static readonly string OpenRestaurant = Path.Combine(ValidateCommandTests.Workflows, "open-restaurant.json");
    private static readonly WorkingCalendar Calendar = new(CalendarLoader.LoadDirectory(Calendars), new CalendarOptions());
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static (int Exit, string Out, string Err) Simulate(params string[] args) =>
        ValidateCommandTests.Run(SimulateCommand.Create(), ["simulate", .. args]);

    private static JsonElement Json(params string[] args)
    {
        var (exit, output, error) = Simulate([.. args, "--format", "json", "--calendars", Calendars]);
        Assert.That(exit, Is.Zero, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>The close (24:00, as the next day's 00:00 local) of the n-th working day after the start date.</summary>
    private static DateTimeOffset CloseOfNthWorkingDay(DateOnly start, int n)
    {
        var day = Calendar.DaysBetween(start, start.AddDays(60)).Where(d => d.IsWorkingDay).ElementAt(n - 1).Date;
        return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Shanghai);
    }

    private static JsonElement Step(JsonElement report, string id) =>
        report.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);

    private static DateTimeOffset At(JsonElement deadline) => DateTimeOffset.Parse(deadline.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void Dues_follow_the_legal_clock_across_national_day()
    {
        var report = Json(OpenRestaurant, "--start", "2026-09-30T10:00");
        var start = new DateOnly(2026, 9, 30);

        // Independent facts first: 1–7 Oct off, 8 Thu and 9 Fri work, 10 Sat is a make-up working day.
        var days = Calendar.DaysBetween(start, new DateOnly(2026, 10, 10));
        Assert.That(days.Take(7).All(d => d.Kind == DayKind.Holiday), Is.True);
        Assert.That(days[^1].Kind, Is.EqualTo(DayKind.MakeUpWorkingDay));

        foreach (var (task, workingDays) in new[] { ("business-licence", 1), ("food-permit", 3), ("fire-safety", 3), ("tax-registration", 1) })
        {
            var step = Step(report, task);
            Assert.That(step.GetProperty("skipped").GetBoolean(), Is.False, task);
            Assert.That(DateTimeOffset.Parse(step.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(new DateTimeOffset(2026, 9, 30, 10, 0, 0, Shanghai)), task);
            Assert.That(At(step.GetProperty("task").GetProperty("due")), Is.EqualTo(CloseOfNthWorkingDay(start, workingDays)), task);
            Assert.That(At(step.GetProperty("task").GetProperty("red")), Is.EqualTo(CloseOfNthWorkingDay(start, workingDays)), task);
            Assert.That(step.GetProperty("task").GetProperty("provisional").GetBoolean(), Is.False, task);
        }

        // 3 working days from Wed 30 Sep: Thu 8, Fri 9, Sat 10 (make-up) → close of Sat 10 Oct.
        Assert.That(CloseOfNthWorkingDay(start, 3), Is.EqualTo(new DateTimeOffset(2026, 10, 11, 0, 0, 0, Shanghai)));

        // Yellow one working day before the close of Sat 10 is the close of Fri 9; the first escalation one working day after is the close of Mon 12.
        var food = Step(report, "food-permit").GetProperty("task");
        Assert.That(At(food.GetProperty("yellow")), Is.EqualTo(CloseOfNthWorkingDay(start, 2)));
        Assert.That(At(food.GetProperty("firstEscalation")), Is.EqualTo(CloseOfNthWorkingDay(start, 4)));
        Assert.That(food.GetProperty("crossed").EnumerateArray().Select(c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("name").GetString()} {c.GetProperty("from").GetString()}..{c.GetProperty("to").GetString()}"),
            Is.EqualTo(new[] { "holiday 国庆节 2026-10-01..2026-10-07", "makeUpWorkingDay 国庆节调休上班 2026-10-10..2026-10-10" }));

        // The case's promise (5 working days) and the flow's end (the slowest branch, joined 'all').
        Assert.That(At(report.GetProperty("caseDue")), Is.EqualTo(CloseOfNthWorkingDay(start, 5)));
        Assert.That(DateTimeOffset.Parse(report.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(CloseOfNthWorkingDay(start, 3)));
        Assert.That(report.GetProperty("fits").GetBoolean(), Is.True);
    }

    [Test]
    public void A_false_condition_skips_its_step_and_set_turns_it_on()
    {
        var off = Step(Json(OpenRestaurant, "--start", "2026-09-30T10:00"), "outdoor-sign");
        Assert.That(off.GetProperty("skipped").GetBoolean(), Is.True);
        Assert.That(off.GetProperty("skippedBecause").GetString(), Does.Contain("hasOutdoorSign"));

        var on = Step(Json(OpenRestaurant, "--start", "2026-09-30T10:00", "--set", "hasOutdoorSign=true"), "outdoor-sign");
        Assert.That(on.GetProperty("skipped").GetBoolean(), Is.False);
        Assert.That(on.GetProperty("task").GetProperty("approveOnOverdue").GetBoolean(), Is.True, "onOverdue: approve");
        Assert.That(on.GetProperty("task").GetProperty("firstEscalation").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void Form_data_can_come_from_a_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "hasOutdoorSign": true, "seats": 40 }""");
            var on = Step(Json(OpenRestaurant, "--start", "2026-09-30T10:00", "--data", file), "outdoor-sign");
            Assert.That(on.GetProperty("skipped").GetBoolean(), Is.False);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void A_stopped_clock_moves_the_due_by_the_working_time_inside_the_stop()
    {
        // 14 h on Thu 8 Oct + 15 h on Fri 9 Oct = one working day and five hours of day clock:
        // the close of Sat 10 Oct (Sun 11 is a weekend) moves to the close of Mon 12 plus 5 h.
        var report = Json(OpenRestaurant, "--start", "2026-09-30T10:00", "--stop", "fire-safety:2026-10-08T10:00:2026-10-09T15:00");
        var fire = Step(report, "fire-safety").GetProperty("task");
        Assert.That(At(fire.GetProperty("dueWithoutStops")), Is.EqualTo(new DateTimeOffset(2026, 10, 11, 0, 0, 0, Shanghai)));
        Assert.That(At(fire.GetProperty("due")), Is.EqualTo(new DateTimeOffset(2026, 10, 13, 5, 0, 0, Shanghai)));
        Assert.That(DateTimeOffset.Parse(report.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(new DateTimeOffset(2026, 10, 13, 5, 0, 0, Shanghai)));
        Assert.That(report.GetProperty("criticalPath").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "fire-safety" }));
        Assert.That(At(Step(report, "food-permit").GetProperty("task").GetProperty("due")), Is.EqualTo(new DateTimeOffset(2026, 10, 11, 0, 0, 0, Shanghai)), "stops apply to their own task only");
    }

    [Test]
    public void A_scripted_supplement_round_moves_the_due_as_the_engine_moves_it()
    {
        // The same stop as above, as a supplement notice and the applicant's answer: the engine's
        // restart rule moves the due by the same 14 h + 15 h, to the close of Mon 12 Oct plus 5 h.
        var report = Json(OpenRestaurant, "--start", "2026-09-30T10:00",
            "--act", "supplement-request:fire-safety:2026-10-08T10:00", "--act", "supplement-received:fire-safety:2026-10-09T15:00");
        var fire = Step(report, "fire-safety").GetProperty("task");
        Assert.Multiple(() =>
        {
            Assert.That(At(fire.GetProperty("due")), Is.EqualTo(new DateTimeOffset(2026, 10, 13, 5, 0, 0, Shanghai)));
            Assert.That(fire.GetProperty("stops").GetArrayLength(), Is.EqualTo(1));
            Assert.That(report.GetProperty("criticalPath").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "fire-safety" }));
        });
    }

    [Test]
    public void A_scripted_rejection_ends_the_flow_when_the_engine_ends_the_case()
    {
        // Joined 'all': one rejection rejects the case and the engine cancels the other branches then.
        var report = Json(OpenRestaurant, "--start", "2026-09-30T10:00", "--act", "reject:fire-safety:2026-10-08T11:00");
        Assert.Multiple(() =>
        {
            Assert.That(DateTimeOffset.Parse(report.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(new DateTimeOffset(2026, 10, 8, 11, 0, 0, Shanghai)));
            Assert.That(Step(report, "food-permit").GetProperty("notes").EnumerateArray().Select(n => n.GetString()), Has.Some.Contains("cancelled when joint-review joins"));
        });
    }

    [Test]
    public void The_table_shows_each_task_with_its_instants_and_the_verdict()
    {
        var (exit, output, error) = Simulate(OpenRestaurant, "--start", "2026-09-30T10:00", "--calendars", Calendars);

        Assert.That(exit, Is.Zero, error);
        var food = output.Split('\n').Single(l => l.Contains("food-permit", StringComparison.Ordinal));
        Assert.That(food, Does.Contain("| 2026-09-30 Wed 10:00 | 2026-10-09 Fri 24:00 | 2026-10-10 Sat 24:00 | 2026-10-12 Mon 24:00 |"));
        Assert.That(food, Does.Contain("国庆节 10-01–10-07 (not counted); 国庆节调休上班 10-10 (counted)"));
        Assert.That(output, Does.Contain("skipped: when \"hasOutdoorSign\" is false"));
        Assert.That(output, Does.Contain("Case promise:  5 working days from the start → due 2026-10-13 Tue 24:00"));
        Assert.That(output, Does.Contain("Fits:          yes, 2 working day(s) to spare"));
        Assert.That(output, Does.Contain("Provisional:   no"));
    }

    [Test]
    public void A_flow_that_reaches_a_year_without_data_is_provisional()
    {
        var report = Json(OpenRestaurant, "--start", "2027-03-01T10:00");
        Assert.That(report.GetProperty("missingYears").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 2027 }));
        Assert.That(Step(report, "food-permit").GetProperty("task").GetProperty("provisional").GetBoolean(), Is.True);
    }

    [TestCase("--set", "noSuchField=1", "not declared")]
    [TestCase("--set", "seats=many", "seats is declared integer")]
    [TestCase("--stop", "no-such-task:2026-10-08T10:00:2026-10-09T10:00", "not a task of open-restaurant")]
    [TestCase("--stop", "fire-safety:yesterday:today", "is not taskId:from:to")]
    [TestCase("--act", "frobnicate:fire-safety:2026-10-08T10:00", "names action 'frobnicate'")]
    [TestCase("--act", "approve:no-such-task:2026-10-08T10:00", "not a task of open-restaurant")]
    [TestCase("--act", "supplement-request:fire-safety:2026-10-08T10:00", "nothing restarts it")]
    public void Bad_arguments_are_usage_errors(string option, string value, string message)
    {
        var (exit, _, error) = Simulate(OpenRestaurant, "--start", "2026-09-30T10:00", "--calendars", Calendars, option, value);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public void An_invalid_definition_is_not_simulated()
    {
        var (exit, _, error) = Simulate(Path.Combine(ValidateCommandTests.Fixtures, "broken", "broken-bundle.json"), "--start", "2026-09-30T10:00", "--calendars", Calendars);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("APV024"));
    }

    private static readonly string ConstructionPermit = Path.Combine(ValidateCommandTests.Workflows, "construction-permit.json");

    private static string[] Notes(JsonElement report, string id) => [.. Step(report, id).GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)];

    private static DateTimeOffset Instant(JsonElement report, string property) =>
        DateTimeOffset.Parse(report.GetProperty(property).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>10:00 on the day fire-acceptance opens in an unscripted run from 21 Sep: a moment it is open.</summary>
    private static DateTimeOffset WhileFireAcceptanceIsOpen(JsonElement baseline)
    {
        var opened = DateTimeOffset.Parse(Step(baseline, "fire-acceptance").GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToOffset(Shanghai);
        return new DateTimeOffset(opened.Date.AddHours(10), Shanghai);
    }

    private static string Local(DateTimeOffset at) => at.ToOffset(Shanghai).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void A_send_back_reopens_the_target_with_fresh_limits_and_leaves_the_promised_due()
    {
        var baseline = Json(ConstructionPermit, "--start", "2026-09-21T09:00");
        var at = WhileFireAcceptanceIsOpen(baseline);
        var report = Json(ConstructionPermit, "--start", "2026-09-21T09:00", "--act", $"send-back=stage-construction:fire-acceptance:{Local(at)}");

        Assert.Multiple(() =>
        {
            Assert.That(At(Step(report, "structure-review").GetProperty("task").GetProperty("due")), Is.EqualTo(CloseOfNthWorkingDay(DateOnly.FromDateTime(at.DateTime), 7)),
                "the reopened review has its full 7 working days from the send back");
            Assert.That(Notes(report, "fire-acceptance"), Has.Some.StartsWith("sent the case back (退回) to stage-construction"));
            Assert.That(Notes(report, "structure-review"), Has.Some.StartsWith("round 2 opened"));
            Assert.That(At(report.GetProperty("caseDue")), Is.EqualTo(At(baseline.GetProperty("caseDue"))), "a send back gives the departments no new time towards the applicant");
            Assert.That(Instant(report, "end"), Is.GreaterThan(Instant(baseline, "end")));
        });
    }

    [Test]
    public void A_consultation_runs_on_its_own_limit_and_holds_the_asking_task_past_its_due()
    {
        var baseline = Json(ConstructionPermit, "--start", "2026-09-21T09:00");
        var at = WhileFireAcceptanceIsOpen(baseline);
        var report = Json(ConstructionPermit, "--start", "2026-09-21T09:00", "--act", $"consult=housing-construction/10:fire-acceptance:{Local(at)}");
        var answerDue = CloseOfNthWorkingDay(DateOnly.FromDateTime(at.DateTime), 10);
        var fireDue = At(Step(report, "fire-acceptance").GetProperty("task").GetProperty("due"));

        Assert.Multiple(() =>
        {
            Assert.That(fireDue, Is.EqualTo(At(Step(baseline, "fire-acceptance").GetProperty("task").GetProperty("due"))), "asking does not stop or move the asking task's clock");
            Assert.That(answerDue, Is.GreaterThan(fireDue), "the scenario: the opinion is due after the asking task");
            Assert.That(Notes(report, "fire-acceptance"), Has.Some.StartsWith("asked housing-construction for an opinion"));
            Assert.That(Notes(report, "fire-acceptance"), Has.Some.StartsWith(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"approved at {answerDue.AddMinutes(-1).ToOffset(Shanghai):yyyy-MM-dd ddd} 24:00, after its due")),
                "approved when the opinion came in, at the consultation's due");
            Assert.That(At(report.GetProperty("caseDue")), Is.EqualTo(At(baseline.GetProperty("caseDue"))));
        });
    }

    [TestCase("send-back:fire-acceptance:2026-10-08T10:00", "needs its argument")]
    [TestCase("consult=natural-resources/x:fire-acceptance:2026-10-08T10:00", "whole number of working days")]
    [TestCase("approve=now:fire-acceptance:2026-10-08T10:00", "takes no argument")]
    public void A_bad_action_argument_is_refused_with_its_form(string act, string expected)
    {
        var (exit, _, error) = Simulate(ConstructionPermit, "--start", "2026-09-21T09:00", "--calendars", Calendars, "--act", act);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(2));
            Assert.That(error, Does.Contain(expected));
        });
    }
}
