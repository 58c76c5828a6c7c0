using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

/// <summary>Retract (撤回): allowed while the join waits, refused once it fired, the flow moved on, or a rejection ended the case.</summary>
public sealed class RetractTests
{
    [Test]
    public void An_approval_is_taken_back_while_the_join_waits_and_the_task_reopens_on_its_own_limit()
    {
        var driver = ReworkFlows.AtAcceptance();
        var fire = driver.TaskOf("fire");
        driver.Approve("fire");
        var clerk = TestFlows.Clerk("fire-rescue", "wang");

        var decision = driver.Do(new RetractDecision(fire.TaskId, "误点通过"), clerk);

        Assert.That(decision.Refusal, Is.Null);
        var task = driver.State.FindTask(fire.TaskId)!;
        Assert.Multiple(() =>
        {
            Assert.That(decision.Events.OfType<DecisionRetracted>().Single().Decision, Is.EqualTo("approved"));
            Assert.That(task.Status, Is.EqualTo(TaskStatus.Claimed));
            Assert.That(task.ClaimedBy, Is.EqualTo(clerk.UserId));
            Assert.That(task.Result, Is.Null);
            Assert.That(task.Due, Is.EqualTo(fire.Due), "the limit it had");
            Assert.That(DeadlineSchedule.NextFor(task, ReworkFlows.Construction(), TestFlows.Calendar), Is.Not.Null, "supervised again");
        });

        driver.Approve("archive");
        Assert.That(driver.State.FindTaskOfStep("filing"), Is.Null, "the join waits for fire again");
        Assert.That(driver.Do(new ApproveTask(fire.TaskId, "OK", null), clerk).Refusal, Is.Null);
        Assert.That(driver.TaskOf("filing").Status, Is.EqualTo(TaskStatus.Open));
    }

    [Test]
    public void After_the_join_fired_a_retraction_is_refused()
    {
        var driver = ReworkFlows.AtAcceptance();
        var fire = driver.TaskOf("fire").TaskId;
        driver.Approve("fire");
        driver.Approve("archive");

        var refusal = driver.Do(new RetractDecision(fire, "x"), TestFlows.Clerk("fire-rescue")).Refusal;

        Assert.That(refusal?.Code, Is.EqualTo(RefusalCodes.RetractTooLate));
        Assert.That(refusal?.Message, Does.Contain("joint-acceptance"));
    }

    [Test]
    public void A_rejection_that_ended_the_case_under_an_all_join_cannot_be_retracted()
    {
        var driver = ReworkFlows.AtAcceptance();
        var fire = driver.TaskOf("fire").TaskId;
        driver.Reject("fire");
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Rejected));

        var refusal = driver.Do(new RetractDecision(fire, "x"), TestFlows.Clerk("fire-rescue")).Refusal;

        Assert.That(refusal?.Code, Is.EqualTo(RefusalCodes.RetractTooLate), "the join fired; not the generic case-ended");
    }

    [Test]
    public void A_rejection_under_an_any_join_that_still_waits_can_be_retracted()
    {
        var driver = ReworkFlows.AtAcceptance(JoinRule.Any);
        var fire = driver.TaskOf("fire").TaskId;
        driver.Reject("fire");

        var decision = driver.Do(new RetractDecision(fire, "补充核实后再定"), TestFlows.Clerk("fire-rescue"));

        Assert.That(decision.Refusal, Is.Null);
        Assert.That(decision.Events.OfType<DecisionRetracted>().Single().Decision, Is.EqualTo("rejected"));
        Assert.That(driver.State.FindTask(fire)!.Reason, Is.Null);
    }

    [Test]
    public void A_decision_that_moved_the_flow_on_an_open_task_and_another_department_are_refused()
    {
        var driver = new CaseDriver(ReworkFlows.Construction()).Start();
        var design = driver.TaskOf("design").TaskId;
        var open = driver.Do(new RetractDecision(design, "x"), TestFlows.Clerk("natural-resources")).Refusal;
        driver.Approve("design");
        var version = driver.State.Version;

        var movedOn = driver.Do(new RetractDecision(design, "x"), TestFlows.Clerk("natural-resources")).Refusal;
        var other = driver.Do(new RetractDecision(design, "x"), TestFlows.Clerk("fire-rescue")).Refusal;
        var noReason = driver.Do(new RetractDecision(design, ""), TestFlows.Clerk("natural-resources")).Refusal;

        Assert.Multiple(() =>
        {
            Assert.That(open?.Code, Is.EqualTo(RefusalCodes.TaskNotDecided));
            Assert.That(movedOn?.Code, Is.EqualTo(RefusalCodes.RetractTooLate));
            Assert.That(other?.Code, Is.EqualTo(RefusalCodes.OtherDepartment));
            Assert.That((noReason?.Code, noReason?.Field), Is.EqualTo((RefusalCodes.ReasonRequired, "reason")));
            Assert.That(driver.State.Version, Is.EqualTo(version));
        });
    }
}
