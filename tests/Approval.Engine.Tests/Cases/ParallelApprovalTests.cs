using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

public class ParallelApprovalTests
{
    private static readonly string[] AllDepartments = ["licence", "food-permit", "signage", "fire", "tax"];

    [Test]
    public void Intake_fans_out_to_one_task_per_branch_at_once()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start("""{"hasOutdoorSign": true}""");

        Assert.Multiple(() =>
        {
            Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Running));
            Assert.That(driver.State.Tasks.Select(t => t.StepId), Is.EquivalentTo(AllDepartments));
            Assert.That(driver.State.Tasks.All(t => t.Status == TaskStatus.Open), Is.True);
            Assert.That(driver.State.OutcomeOf("intake"), Is.EqualTo(StepOutcome.Approved));
        });
    }

    [Test]
    public void A_conditional_branch_whose_condition_fails_is_skipped_and_does_not_hold_the_join()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start("""{"hasOutdoorSign": false}""");

        Assert.That(driver.State.FindTaskOfStep("signage"), Is.Null);
        Assert.That(driver.State.OutcomeOf("signage"), Is.EqualTo(StepOutcome.Skipped));
        foreach (var step in new[] { "licence", "food-permit", "fire", "tax" })
        {
            driver.Approve(step);
        }

        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery));
    }

    [Test]
    public void Join_all_fires_once_when_the_last_approval_arrives_then_delivery_completes_the_case()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start("""{"hasOutdoorSign": true}""");

        foreach (var step in AllDepartments.SkipLast(1))
        {
            driver.Approve(step);
            Assert.That(driver.Count<JoinCompleted>(), Is.Zero, $"join fired early after {step}");
        }

        driver.Approve(AllDepartments[^1]);
        Assert.Multiple(() =>
        {
            Assert.That(driver.Count<JoinCompleted>(), Is.EqualTo(1));
            Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery));
        });

        var delivered = driver.Do(new DeliverCase("pickup", null), TestFlows.Window);
        Assert.Multiple(() =>
        {
            Assert.That(delivered.IsAccepted, Is.True);
            Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Completed));
            Assert.That(driver.Count<CaseCompleted>(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Rejection_under_all_cancels_the_siblings_and_rejects_the_case()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start("""{"hasOutdoorSign": true}""");
        driver.Approve("licence");

        driver.Reject("fire", "消防通道不合格");

        Assert.Multiple(() =>
        {
            Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Rejected));
            Assert.That(driver.TaskOf("licence").Status, Is.EqualTo(TaskStatus.Approved));
            Assert.That(driver.TaskOf("fire").Status, Is.EqualTo(TaskStatus.Rejected));
            Assert.That(new[] { "food-permit", "signage", "tax" }.Select(s => driver.TaskOf(s).Status), Is.All.EqualTo(TaskStatus.Cancelled));
            Assert.That(driver.History.OfType<JoinCompleted>().Single().Approved, Is.False);
            Assert.That(driver.History.OfType<CaseRejected>().Single().Reason, Is.EqualTo("消防通道不合格"));
        });
    }

    [Test]
    public void After_a_rejection_further_approvals_are_refused_as_conflicts_and_change_nothing()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start("""{"hasOutdoorSign": true}""");
        driver.Reject("fire");
        var version = driver.State.Version;

        var late = driver.Do(new ApproveTask(driver.TaskOf("tax").TaskId, null, null), TestFlows.Clerk("taxation"));

        Assert.Multiple(() =>
        {
            Assert.That(late.Refusal?.Kind, Is.EqualTo(RefusalKind.Conflict));
            Assert.That(late.Events, Is.Empty);
            Assert.That(driver.State.Version, Is.EqualTo(version));
        });
    }

    [Test]
    public void Join_any_fires_on_the_first_approval_and_cancels_the_open_branches()
    {
        var definition = TestFlows.Bundle(JoinRule.Any, TestFlows.Task("a", "taxation"), TestFlows.Task("b", "fire-rescue"), TestFlows.Task("c", "market-regulation"));
        var driver = new CaseDriver(definition).Start();

        driver.Approve("b");

        Assert.Multiple(() =>
        {
            Assert.That(driver.History.OfType<JoinCompleted>().Single().Approved, Is.True);
            Assert.That(driver.TaskOf("a").Status, Is.EqualTo(TaskStatus.Cancelled));
            Assert.That(driver.TaskOf("c").Status, Is.EqualTo(TaskStatus.Cancelled));
            Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery));
        });
    }

    [Test]
    public void Join_any_survives_one_rejection_while_another_branch_can_still_approve()
    {
        var definition = TestFlows.Bundle(JoinRule.Any, TestFlows.Task("a", "taxation"), TestFlows.Task("b", "fire-rescue"));
        var driver = new CaseDriver(definition).Start();

        driver.Reject("a");
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Running));

        driver.Reject("b");
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Rejected));
    }

    [Test]
    public void Quorum_completes_at_n_approvals_and_fails_once_n_is_out_of_reach()
    {
        var branches = new StepDefinition[] { TestFlows.Task("a", "taxation"), TestFlows.Task("b", "fire-rescue"), TestFlows.Task("c", "market-regulation") };
        var passing = new CaseDriver(TestFlows.Bundle(new JoinRule(JoinKind.Quorum, 2), branches)).Start();
        passing.Approve("a");
        passing.Reject("b");
        Assert.That(passing.Count<JoinCompleted>(), Is.Zero);
        passing.Approve("c");
        Assert.That(passing.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery));

        var failing = new CaseDriver(TestFlows.Bundle(new JoinRule(JoinKind.Quorum, 2), branches)).Start();
        failing.Reject("a");
        failing.Reject("b");
        Assert.Multiple(() =>
        {
            Assert.That(failing.State.Status, Is.EqualTo(CaseStatus.Rejected));
            Assert.That(failing.TaskOf("c").Status, Is.EqualTo(TaskStatus.Cancelled));
        });
    }

    [Test]
    public void Sequences_inside_a_branch_open_their_steps_one_after_another()
    {
        var sequence = new SequenceStepDefinition { Id = "fire-seq", Name = "消防", Steps = [TestFlows.Task("fire-review", "fire-rescue"), TestFlows.Task("fire-inspect", "fire-rescue")] };
        var driver = new CaseDriver(TestFlows.Bundle(JoinRule.All, sequence, TestFlows.Task("tax", "taxation"))).Start();

        Assert.That(driver.State.FindTaskOfStep("fire-inspect"), Is.Null);
        driver.Approve("fire-review");
        Assert.That(driver.TaskOf("fire-inspect").Status, Is.EqualTo(TaskStatus.Open));
        driver.Approve("tax");
        Assert.That(driver.Count<JoinCompleted>(), Is.Zero);
        driver.Approve("fire-inspect");
        Assert.That(driver.Count<JoinCompleted>(), Is.EqualTo(1));
    }

    [Test]
    public void A_rejection_in_a_sequence_branch_cancels_the_sequence_and_the_siblings()
    {
        var sequence = new SequenceStepDefinition { Id = "fire-seq", Name = "消防", Steps = [TestFlows.Task("fire-review", "fire-rescue"), TestFlows.Task("fire-inspect", "fire-rescue")] };
        var driver = new CaseDriver(TestFlows.Bundle(JoinRule.All, sequence, TestFlows.Task("tax", "taxation"))).Start();

        driver.Reject("tax");

        Assert.Multiple(() =>
        {
            Assert.That(driver.TaskOf("fire-review").Status, Is.EqualTo(TaskStatus.Cancelled));
            Assert.That(driver.State.OutcomeOf("fire-seq"), Is.EqualTo(StepOutcome.Cancelled));
            Assert.That(driver.State.FindTaskOfStep("fire-inspect"), Is.Null);
            Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Rejected));
        });
    }
}
