using Approval.Calendar;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

public class SupervisionTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, China);

    private static DateTimeOffset Local(int month, int day, int hour = 0, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    private static Decision Sweep(CaseDriver d, string step) =>
        d.Do(new SuperviseDeadline(d.TaskOf(step).TaskId, d.TaskOf(step).DueVersion), Actor.System);

    private static string[] Cards(CaseDriver d, string step) =>
        [.. d.History.OfType<CardIssued>().Where(c => c.TaskId == d.TaskOf(step).TaskId).Select(c => $"{c.Level}{c.Escalation}@v{c.DueVersion}")];

    [Test]
    public void Yellow_one_working_day_before_due_red_at_due_then_escalation_each_working_day()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()) { Now = Monday }.Start();
        // fire: 3 working days from Monday → due at the close of Thursday 2026-03-05 (Friday 00:00 local).
        Assert.That(d.TaskOf("fire").Due.At, Is.EqualTo(Local(3, 6)));

        d.Now = Local(3, 4, 23, 59);
        Assert.That(Sweep(d, "fire").Refusal?.Code, Is.EqualTo("nothing-due"), "before the warning point");
        d.Now = Local(3, 5);
        Assert.That(Sweep(d, "fire").IsAccepted, Is.True);
        Assert.That(Cards(d, "fire"), Is.EqualTo(new[] { "yellow0@v1" }));

        d.Now = Local(3, 6);
        Sweep(d, "fire");
        // One working day after the red card (Friday 00:00) is the end of Friday: the weekend does not count.
        d.Now = Local(3, 6, 23, 59);
        Assert.That(Sweep(d, "fire").Refusal?.Code, Is.EqualTo("nothing-due"));
        d.Now = Local(3, 7);
        Sweep(d, "fire");
        Assert.That(Cards(d, "fire"), Is.EqualTo(new[] { "yellow0@v1", "red0@v1", "escalation1@v1" }));
    }

    [Test]
    public void A_sweep_after_an_outage_issues_every_missed_card_once_and_a_repeat_issues_none()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()) { Now = Monday }.Start();
        d.Now = Local(3, 6, 9);

        Assert.That(Sweep(d, "fire").IsAccepted, Is.True);
        var again = Sweep(d, "fire");

        Assert.Multiple(() =>
        {
            Assert.That(Cards(d, "fire"), Is.EqualTo(new[] { "yellow0@v1", "red0@v1" }));
            Assert.That(again.Refusal?.Code, Is.EqualTo("nothing-due"));
        });
    }

    [Test]
    public void A_task_finished_just_before_its_warning_point_never_gets_a_card()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()) { Now = Monday }.Start();
        d.Now = Local(3, 4, 23, 59);
        d.Approve("fire");
        d.Now = Local(3, 20);

        Assert.Multiple(() =>
        {
            Assert.That(Sweep(d, "fire").Refusal?.Code, Is.EqualTo("nothing-due"));
            Assert.That(DeadlineSchedule.NextFor(d.TaskOf("fire"), TestFlows.OpenRestaurant(), TestFlows.Calendar), Is.Null);
            Assert.That(Cards(d, "fire"), Is.Empty);
        });
    }

    [Test]
    public void A_task_marked_approve_on_overdue_is_approved_by_silence_at_its_due_instant()
    {
        var silent = TestFlows.Task("signage", "urban-management") with { OnOverdue = OverdueAction.Approve };
        var d = new CaseDriver(TestFlows.Bundle(JoinRule.All, silent, TestFlows.Task("tax", "taxation", 1))) { Now = Monday }.Start();
        d.Approve("tax");
        d.Now = Local(3, 6);

        Assert.That(Sweep(d, "signage").IsAccepted, Is.True);
        var approved = d.History.OfType<TaskApproved>().Single(a => a.TaskId == d.TaskOf("signage").TaskId);
        Assert.Multiple(() =>
        {
            Assert.That(approved.BySilence, Is.True);
            Assert.That(approved.Actor, Is.EqualTo(Actor.System));
            Assert.That(d.TaskOf("signage").Status, Is.EqualTo(TaskStatus.Approved));
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery), "the case moves on");
            Assert.That(Cards(d, "signage"), Is.EqualTo(new[] { "yellow0@v1" }), "no red card for a silent approval");
        });
    }

    [Test]
    public void A_stop_after_the_yellow_card_moves_the_deadline_and_the_new_deadline_gets_its_own_cards()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()) { Now = Monday }.Start();
        d.Now = Local(3, 5, 9);
        Sweep(d, "fire");
        var staleVersion = d.TaskOf("fire").DueVersion;

        d.Do(new ReturnForSupplement(d.TaskOf("fire").TaskId, ["消防设计图纸"], null), TestFlows.Clerk("fire-rescue"));
        Assert.That(DeadlineSchedule.NextFor(d.TaskOf("fire"), TestFlows.OpenRestaurant(), TestFlows.Calendar), Is.Null, "no alerts while the clock is stopped");
        d.Now = Local(3, 9, 9); // two working days later
        d.Do(new ReceiveSupplement(d.TaskOf("fire").TaskId, "online"), TestFlows.Clerk("fire-rescue"));

        var stale = d.Do(new SuperviseDeadline(d.TaskOf("fire").TaskId, staleVersion), Actor.System);
        var next = DeadlineSchedule.NextFor(d.TaskOf("fire"), TestFlows.OpenRestaurant(), TestFlows.Calendar)!;
        Sweep(d, "fire");

        Assert.Multiple(() =>
        {
            Assert.That(stale.Refusal?.Code, Is.EqualTo("nothing-due"));
            Assert.That(next.Level, Is.EqualTo(CardLevel.Yellow));
            // Two stopped working days move the due from Thursday 24:00 to Monday 24:00; one working day
            // before that is the end of Friday (the earliest instant at that point of the working clock).
            Assert.That(d.TaskOf("fire").Due.At, Is.EqualTo(Local(3, 10)));
            Assert.That(next.At, Is.EqualTo(Local(3, 7)));
            Assert.That(Cards(d, "fire"), Is.EqualTo(new[] { "yellow0@v1", "yellow0@v2" }));
        });
    }

    [Test]
    public void Only_the_deadline_engine_issues_cards()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()) { Now = Monday }.Start();
        d.Now = Local(3, 6);
        var decision = d.Do(new SuperviseDeadline(d.TaskOf("fire").TaskId, 1), TestFlows.Supervisor);
        Assert.That(decision.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
    }

    [Test]
    public void The_case_deadline_gets_cards_of_its_own()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()) { Now = Monday }.Start();
        d.Now = Local(3, 9, 12); // past the yellow point (end of Friday), before the due (end of Monday)
        var decision = d.Do(new SuperviseDeadline(null, 1), Actor.System);
        Assert.Multiple(() =>
        {
            Assert.That(decision.IsAccepted, Is.True);
            Assert.That(d.History.OfType<CardIssued>().Where(c => c.TaskId is null).Select(c => c.Level), Is.EqualTo(new[] { CardLevel.Yellow }));
            Assert.That(d.State.Due!.Value.At, Is.EqualTo(TestFlows.Calendar.Due(Monday, TimeLimit.OfWorkingDays(5)).At));
        });
    }
}
