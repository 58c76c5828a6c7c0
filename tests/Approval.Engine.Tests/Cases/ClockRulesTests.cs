using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

public class ClockRulesTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static CaseDriver Started(DateTimeOffset at)
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()) { Now = at };
        return driver.Start();
    }

    private static Decision Supplement(CaseDriver d, string step, params string[] missing) =>
        d.Do(new ReturnForSupplement(d.TaskOf(step).TaskId, missing, null), TestFlows.Clerk(d.TaskOf(step).Department));

    private static Decision Received(CaseDriver d, string step) =>
        d.Do(new ReceiveSupplement(d.TaskOf(step).TaskId, "window"), TestFlows.Window);

    [Test]
    public void A_supplement_stops_the_task_and_case_clocks_and_resuming_moves_both_dues_by_the_stopped_working_days()
    {
        var d = Started(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China)); // Monday
        var taskDue = d.TaskOf("fire").Due.At;
        var caseDue = d.State.Due!.Value.At;

        Assert.That(Supplement(d, "fire", "消防设计图纸", "租赁合同").IsAccepted, Is.True);
        Assert.That(d.State.IsClockStopped, Is.True);
        d.Now = new DateTimeOffset(2026, 3, 4, 10, 0, 0, China); // two working days later
        Assert.That(Received(d, "fire").IsAccepted, Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(d.TaskOf("fire").Due.At, Is.EqualTo(TestFlows.Calendar.Add(taskDue, Calendar.TimeLimit.OfWorkingDays(2)).At));
            Assert.That(d.TaskOf("fire").DueVersion, Is.EqualTo(2));
            Assert.That(d.State.Due!.Value.At, Is.EqualTo(TestFlows.Calendar.Add(caseDue, Calendar.TimeLimit.OfWorkingDays(2)).At));
            Assert.That(d.State.IsClockStopped, Is.False);
            Assert.That(d.TaskOf("licence").Due.At, Is.LessThan(d.TaskOf("fire").Due.At), "an untouched sibling keeps its due");
        });
    }

    [Test]
    public void A_stop_across_the_National_Day_holiday_moves_the_due_by_working_days_not_calendar_days()
    {
        var d = Started(new DateTimeOffset(2026, 9, 29, 10, 0, 0, China));
        var due = d.TaskOf("fire").Due.At;
        d.Now = new DateTimeOffset(2026, 9, 30, 10, 0, 0, China);
        Supplement(d, "fire", "消防设计图纸");
        d.Now = new DateTimeOffset(2026, 10, 9, 10, 0, 0, China); // 9 calendar days, 2 working days (Sep 30 → Oct 8 → Oct 9)
        Received(d, "fire");

        Assert.That(d.TaskOf("fire").Due.At, Is.EqualTo(TestFlows.Calendar.Add(due, Calendar.TimeLimit.OfWorkingDays(2)).At));
    }

    [Test]
    public void Overlapping_stops_count_once()
    {
        var d = Started(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        var fire = d.TaskOf("fire").TaskId;
        var clerk = TestFlows.Clerk("fire-rescue");
        var due = d.TaskOf("fire").Due.At;

        d.Do(new SuspendTask(fire, "inspection", "现场检查"), clerk);
        d.Now = new DateTimeOffset(2026, 3, 3, 10, 0, 0, China);
        Supplement(d, "fire", "检测报告");
        d.Now = new DateTimeOffset(2026, 3, 4, 10, 0, 0, China);
        d.Do(new ResumeTask(fire), clerk);
        Assert.That(d.TaskOf("fire").Due.At, Is.EqualTo(due), "still stopped by the supplement: no move yet");
        d.Now = new DateTimeOffset(2026, 3, 5, 10, 0, 0, China);
        Received(d, "fire");

        Assert.That(d.TaskOf("fire").Due.At, Is.EqualTo(TestFlows.Calendar.Add(due, Calendar.TimeLimit.OfWorkingDays(3)).At));
    }

    [Test]
    public void A_stopped_task_cannot_be_approved_and_the_join_waits_for_it()
    {
        var d = Started(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        Supplement(d, "fire", "消防设计图纸");
        foreach (var step in new[] { "licence", "food-permit", "tax" })
        {
            d.Approve(step);
        }

        var blocked = d.Approve("fire");
        Assert.Multiple(() =>
        {
            Assert.That(blocked.Refusal?.Code, Is.EqualTo("clock-stopped"));
            Assert.That(blocked.Refusal?.Message, Does.Contain("supplement-received").And.Not.Contain("resume it first"), "names the action that restarts the clock");
            Assert.That(d.Count<JoinCompleted>(), Is.Zero);
        });

        Received(d, "fire");
        d.Approve("fire");
        Assert.Multiple(() =>
        {
            Assert.That(d.Count<JoinCompleted>(), Is.EqualTo(1));
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery));
        });
    }

    [Test]
    public void A_supplement_notice_must_list_what_is_missing_and_a_second_round_needs_a_supervisor()
    {
        var d = Started(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        Assert.That(Supplement(d, "fire", " ").Refusal?.Field, Is.EqualTo("missing"));

        Supplement(d, "fire", "图纸");
        Received(d, "fire");
        Assert.That(Supplement(d, "fire", "图纸").Refusal?.Code, Is.EqualTo("supplement-rounds-used"));

        Assert.That(d.Do(new AllowSupplementRound(d.TaskOf("fire").TaskId), TestFlows.Clerk("fire-rescue")).Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        d.Do(new AllowSupplementRound(d.TaskOf("fire").TaskId), TestFlows.Supervisor);
        Assert.That(Supplement(d, "fire", "图纸").IsAccepted, Is.True);
    }

    [Test]
    public void Extensions_need_a_supervisor_a_reason_and_stay_within_the_maximum()
    {
        var d = Started(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        var fire = d.TaskOf("fire");
        var due = fire.Due.At;

        Assert.Multiple(() =>
        {
            Assert.That(d.Do(new ExtendTask(fire.TaskId, 2, "复杂"), TestFlows.Clerk("fire-rescue")).Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
            Assert.That(d.Do(new ExtendTask(fire.TaskId, 2, ""), TestFlows.Supervisor).Refusal?.Field, Is.EqualTo("reason"));
            Assert.That(d.Do(new ExtendTask(fire.TaskId, 6, "复杂"), TestFlows.Supervisor).Refusal?.Field, Is.EqualTo("workingDays"));
        });

        Assert.That(d.Do(new ExtendTask(fire.TaskId, 3, "需要专家论证"), TestFlows.Supervisor).IsAccepted, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(d.TaskOf("fire").Due.At, Is.EqualTo(TestFlows.Calendar.Add(due, Calendar.TimeLimit.OfWorkingDays(3)).At));
            Assert.That(d.Do(new ExtendTask(fire.TaskId, 3, "再延"), TestFlows.Supervisor).Refusal?.Code, Is.EqualTo("extension-too-long"));
            Assert.That(d.Do(new ExtendCase(4, "联合审查"), TestFlows.Supervisor).IsAccepted, Is.True);
            Assert.That(d.State.DueVersion, Is.EqualTo(2));
        });
    }

    [Test]
    public void Suspension_needs_a_known_kind_and_a_reason()
    {
        var d = Started(new DateTimeOffset(2026, 3, 2, 10, 0, 0, China));
        var fire = d.TaskOf("fire").TaskId;
        var clerk = TestFlows.Clerk("fire-rescue");
        Assert.Multiple(() =>
        {
            Assert.That(d.Do(new SuspendTask(fire, "holiday", "x"), clerk).Refusal?.Field, Is.EqualTo("kind"));
            Assert.That(d.Do(new SuspendTask(fire, "hearing", " "), clerk).Refusal?.Field, Is.EqualTo("reason"));
            Assert.That(d.Do(new ResumeTask(fire), clerk).Refusal?.Code, Is.EqualTo("not-suspended"));
            Assert.That(d.TaskOf("fire").Status, Is.EqualTo(TaskStatus.Open));
        });
    }
}
