using Approval.Calendar;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

/// <summary>Send back (退回): what reopens, what is cancelled, which clocks run, and every refusal changing nothing.</summary>
public sealed class SendBackTests
{
    [Test]
    public void Fire_acceptance_sends_back_to_the_permit_stage_which_reopens_with_fresh_limits_while_the_case_limit_runs_on()
    {
        var driver = ReworkFlows.AtAcceptance();
        Assert.That(driver.Approve("archive").Refusal, Is.Null);
        var firstDesign = driver.TaskOf("design");
        var fire = driver.TaskOf("fire");
        var caseDue = driver.State.Due;
        driver.Now = TestFlows.Monday.AddDays(3); // Thursday

        var decision = driver.Do(new SendBack(fire.TaskId, "stage-permit", "验收发现与施工图不符"), TestFlows.Clerk("fire-rescue"));

        Assert.That(decision.Refusal, Is.Null);
        var sent = decision.Events.OfType<CaseSentBack>().Single();
        var reopened = driver.TaskOf("design");
        Assert.Multiple(() =>
        {
            Assert.That(decision.Events.OfType<TaskCancelled>().Select(c => c.TaskId), Is.EqualTo(new[] { fire.TaskId }), "only the open task is cancelled");
            Assert.That(sent.ReopenedSteps, Is.SupersetOf(new[] { "design", "permit", "stage-permit", "joint-acceptance", "fire", "archive", "stage-completion" }));
            Assert.That(sent.ReopenedSteps, Does.Not.Contain("deliver").And.Not.Contain("intake"));
            Assert.That(reopened.TaskId, Is.Not.EqualTo(firstDesign.TaskId), "a new round is a new task");
            Assert.That(reopened.Round, Is.EqualTo(2));
            Assert.That(reopened.Due, Is.EqualTo(TestFlows.Calendar.Due(driver.Now, TimeLimit.OfWorkingDays(5))), "the reopened task's limit starts at the send back");
            Assert.That(driver.State.Due, Is.EqualTo(caseDue), "the case's promised limit keeps running");
            Assert.That(driver.State.FindTask(firstDesign.TaskId)!.Status, Is.EqualTo(TaskStatus.Approved), "the history keeps the first approval");
            Assert.That(driver.State.FindTaskOfStep("archive"), Is.Null, "archive's approval is superseded");
            Assert.That(driver.State.OutcomeOf("joint-acceptance"), Is.EqualTo(StepOutcome.NotStarted));
        });

        // The flow runs the reopened stage again, in new rounds, up to a fresh joint acceptance.
        driver.Approve("design");
        driver.Approve("permit");
        Assert.Multiple(() =>
        {
            Assert.That(driver.TaskOf("fire").TaskId, Is.Not.EqualTo(fire.TaskId));
            Assert.That(driver.TaskOf("archive").Status, Is.EqualTo(TaskStatus.Open));
            Assert.That(driver.Count<TaskOpened>(), Is.EqualTo(2 + 2 + 2 + 2));
        });
    }

    [Test]
    public void A_later_task_in_the_same_sequence_sends_back_to_the_task_before_it()
    {
        var driver = new CaseDriver(ReworkFlows.Construction()).Start();
        driver.Approve("design");
        var permit = driver.TaskOf("permit");

        var decision = driver.Do(new SendBack(permit.TaskId, "design", "设计方案需修改"), TestFlows.Clerk("housing-construction"));

        Assert.That(decision.Refusal, Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(decision.Events.OfType<CaseSentBack>().Single().ReopenedSteps, Is.EquivalentTo(new[] { "design", "permit" }));
            Assert.That(driver.TaskOf("design").Status, Is.EqualTo(TaskStatus.Open));
            Assert.That(driver.State.FindTask(permit.TaskId)!.Status, Is.EqualTo(TaskStatus.Cancelled));
            Assert.That(driver.State.FindTaskOfStep("permit"), Is.Null, "permit waits for design again");
        });
    }

    [Test]
    public void The_window_sends_back_from_delivery_and_the_case_no_longer_awaits_it()
    {
        var driver = ReworkFlows.AtAcceptance();
        driver.Approve("fire");
        driver.Approve("archive");
        driver.Approve("filing");
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery));

        var decision = driver.Do(new SendBack(null, "stage-completion", "出件核对发现验收意见缺页"), TestFlows.Window);

        Assert.That(decision.Refusal, Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Running));
            Assert.That(driver.TaskOf("fire").Round, Is.EqualTo(2));
            Assert.That(driver.State.OutcomeOf("deliver"), Is.EqualTo(StepOutcome.NotStarted));
        });
        driver.Approve("fire");
        driver.Approve("archive");
        driver.Approve("filing");
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery), "delivery opens again");
    }

    [Test]
    public void A_stopped_case_clock_that_ends_with_a_cancelled_task_still_does_not_count()
    {
        var driver = ReworkFlows.AtAcceptance();
        var archive = driver.TaskOf("archive");
        Assert.That(driver.Do(new ReturnForSupplement(archive.TaskId, ["档案目录"], null), TestFlows.Clerk("housing-construction")).Refusal, Is.Null);
        var due = driver.State.Due!.Value;
        driver.Now = TestFlows.Monday.AddDays(7); // a week later, the case clock stopped all along

        var decision = driver.Do(new SendBack(driver.TaskOf("fire").TaskId, "stage-permit", "图纸不符"), TestFlows.Clerk("fire-rescue"));

        Assert.That(decision.Refusal, Is.Null);
        var moved = decision.Events.OfType<DeadlineMoved>().Single(m => m.TaskId is null);
        Assert.Multiple(() =>
        {
            Assert.That(driver.State.IsClockStopped, Is.False);
            Assert.That(moved.Due.At, Is.EqualTo(TestFlows.Calendar.Resume(due.At, TestFlows.Monday, driver.Now, TimeLimit.OfWorkingDays(30)).At));
            Assert.That(moved.Due.At, Is.GreaterThan(due.At));
        });
    }

    [Test]
    public void Refusals_name_their_field_and_change_nothing()
    {
        var driver = ReworkFlows.AtAcceptance();
        var fire = driver.TaskOf("fire").TaskId;
        var version = driver.State.Version;

        var notAllowed = driver.Do(new SendBack(fire, "permit", "x"), TestFlows.Clerk("fire-rescue")).Refusal;
        var noReason = driver.Do(new SendBack(fire, "stage-permit", " "), TestFlows.Clerk("fire-rescue")).Refusal;
        var other = driver.Do(new SendBack(fire, "stage-permit", "x"), TestFlows.Clerk("taxation")).Refusal;
        var windowTooEarly = driver.Do(new SendBack(null, "stage-completion", "x"), TestFlows.Window).Refusal;
        var departmentWithoutTask = driver.Do(new SendBack(null, "stage-completion", "x"), TestFlows.Clerk("fire-rescue")).Refusal;

        Assert.Multiple(() =>
        {
            Assert.That((notAllowed?.Code, notAllowed?.Field), Is.EqualTo((RefusalCodes.SendBackNotAllowed, "toStepId")));
            Assert.That(notAllowed?.Message, Does.Contain("stage-permit"), "the refusal lists the allowed targets");
            Assert.That((noReason?.Code, noReason?.Field), Is.EqualTo((RefusalCodes.ReasonRequired, "reason")));
            Assert.That((other?.Code, other?.Kind), Is.EqualTo((RefusalCodes.OtherDepartment, RefusalKind.Forbidden)));
            Assert.That(windowTooEarly?.Code, Is.EqualTo(RefusalCodes.NotAwaitingDelivery));
            Assert.That(departmentWithoutTask?.Code, Is.EqualTo(RefusalCodes.WindowOnly));
            Assert.That(driver.State.Version, Is.EqualTo(version));
        });
    }
}
