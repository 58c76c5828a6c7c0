using Approval.Calendar;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

/// <summary>Consultation (征求意见): tasks of their own kind, supervised like any, blocking their asking task until answered or withdrawn.</summary>
public sealed class ConsultationTests
{
    private static readonly Actor Fire = TestFlows.Clerk("fire-rescue");

    private static (CaseDriver Driver, TaskState Fire, TaskState Planning, TaskState Housing) Consulted()
    {
        var driver = ReworkFlows.AtAcceptance();
        var fire = driver.TaskOf("fire");
        var decision = driver.Do(new RequestConsultation(fire.TaskId, ["natural-resources", "civil-air-defence"], "消防通道是否占用规划道路？", 2), Fire);
        Assert.That(decision.Refusal, Is.Null);
        var consultations = driver.State.ConsultationsOf(fire.TaskId).ToList();
        return (driver, fire, consultations[0], consultations[1]);
    }

    [Test]
    public void Each_department_gets_a_consultation_task_with_its_own_limit_that_does_not_count_towards_the_join()
    {
        var (driver, fire, planning, other) = Consulted();

        Assert.Multiple(() =>
        {
            Assert.That(planning.Kind, Is.EqualTo(TaskKind.Consultation));
            Assert.That((planning.Department, other.Department), Is.EqualTo(("natural-resources", "civil-air-defence")));
            Assert.That(planning.ParentTaskId, Is.EqualTo(fire.TaskId));
            Assert.That(planning.Question, Is.EqualTo("消防通道是否占用规划道路？"));
            Assert.That(planning.Due, Is.EqualTo(TestFlows.Calendar.Due(TestFlows.Monday, TimeLimit.OfWorkingDays(2))));
            Assert.That(planning.TaskId, Is.Not.EqualTo(other.TaskId));
            Assert.That(driver.State.FindTaskOfStep("fire")!.TaskId, Is.EqualTo(fire.TaskId), "the step's task is still the approval task");
            Assert.That(driver.State.FindTask(fire.TaskId)!.Consultations, Is.EqualTo(new[] { planning.TaskId, other.TaskId }));
            Assert.That(CaseAccess.ReadScope(TestFlows.Clerk("natural-resources"), driver.State), Is.EqualTo(CaseReadScope.Masked), "the consulted department reads the case");
        });
    }

    [Test]
    public void The_asking_task_waits_until_every_consultation_is_answered_or_withdrawn()
    {
        var (driver, fire, planning, other) = Consulted();

        var blocked = driver.Do(new ApproveTask(fire.TaskId, "OK", null), Fire).Refusal;
        var blockedReject = driver.Do(new RejectTask(fire.TaskId, "不符"), Fire).Refusal;
        Assert.That(driver.Do(new AnswerConsultation(planning.TaskId, "未占用规划道路，同意"), TestFlows.Clerk("natural-resources")).Refusal, Is.Null);
        var stillBlocked = driver.Do(new ApproveTask(fire.TaskId, "OK", null), Fire).Refusal;
        Assert.That(driver.Do(new WithdrawConsultation(other.TaskId, "本项目不涉及人防"), Fire).Refusal, Is.Null);

        Assert.Multiple(() =>
        {
            Assert.That(blocked?.Code, Is.EqualTo(RefusalCodes.ConsultationPending));
            Assert.That(blocked?.Message, Does.Contain("natural-resources").And.Contain("civil-air-defence"));
            Assert.That(blockedReject?.Code, Is.EqualTo(RefusalCodes.ConsultationPending));
            Assert.That(stillBlocked?.Message, Does.Contain("civil-air-defence").And.Not.Contain("natural-resources"));
            Assert.That(driver.State.FindTask(planning.TaskId)!.Status, Is.EqualTo(TaskStatus.Answered));
            Assert.That(driver.State.FindTask(planning.TaskId)!.Opinion, Is.EqualTo("未占用规划道路，同意"));
            Assert.That(driver.State.FindTask(other.TaskId)!.Status, Is.EqualTo(TaskStatus.Cancelled));
            Assert.That(driver.History.OfType<ConsultationAnswered>().Single().Actor.Department, Is.EqualTo("natural-resources"), "the opinion is in the record, by whom");
        });
        Assert.That(driver.Do(new ApproveTask(fire.TaskId, "OK", null), Fire).Refusal, Is.Null);
    }

    [Test]
    public void A_consultation_is_carded_like_any_task_but_never_approved_by_silence()
    {
        var definition = ReworkFlows.Construction();
        var (driver, _, planning, _) = Consulted();
        var step = (TaskStepDefinition)definition.FindStep("fire")!;
        var silent = step with { OnOverdue = OverdueAction.Approve };

        var next = DeadlineSchedule.NextFor(planning, definition, TestFlows.Calendar);
        driver.Now = planning.Due.At.AddMinutes(1);
        var swept = driver.Do(new SuperviseDeadline(planning.TaskId, planning.DueVersion), Actor.System);

        Assert.Multiple(() =>
        {
            Assert.That(next?.Level, Is.EqualTo(CardLevel.Yellow));
            Assert.That(TaskPolicy.For(planning, silent, definition)?.OnOverdue, Is.EqualTo(OverdueAction.Escalate));
            Assert.That(swept.Refusal, Is.Null);
            Assert.That(swept.Events.OfType<CardIssued>().Select(c => c.Level), Is.EqualTo(new[] { CardLevel.Yellow, CardLevel.Red }));
            Assert.That(swept.Events.OfType<TaskApproved>(), Is.Empty);
        });
    }

    [Test]
    public void Open_consultations_are_cancelled_with_their_asking_task()
    {
        var (driver, _, planning, other) = Consulted();

        driver.Reject("archive");

        Assert.Multiple(() =>
        {
            Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.Rejected));
            Assert.That(driver.State.FindTask(planning.TaskId)!.Status, Is.EqualTo(TaskStatus.Cancelled));
            Assert.That(driver.State.FindTask(other.TaskId)!.Status, Is.EqualTo(TaskStatus.Cancelled));
        });
    }

    [Test]
    public void Refusals_name_their_field_and_change_nothing()
    {
        var (driver, fire, planning, _) = Consulted();
        var version = driver.State.Version;

        var own = driver.Do(new RequestConsultation(fire.TaskId, ["fire-rescue"], "q", 2), Fire).Refusal;
        var twice = driver.Do(new RequestConsultation(fire.TaskId, ["taxation", "taxation"], "q", 2), Fire).Refusal;
        var pending = driver.Do(new RequestConsultation(fire.TaskId, ["taxation", "natural-resources"], "q", 2), Fire).Refusal;
        var noQuestion = driver.Do(new RequestConsultation(fire.TaskId, ["taxation"], " ", 2), Fire).Refusal;
        var days = driver.Do(new RequestConsultation(fire.TaskId, ["taxation"], "q", 0), Fire).Refusal;
        var noOpinion = driver.Do(new AnswerConsultation(planning.TaskId, ""), TestFlows.Clerk("natural-resources")).Refusal;
        var wrongAnswerer = driver.Do(new AnswerConsultation(planning.TaskId, "同意"), Fire).Refusal;
        var approveConsultation = driver.Do(new ApproveTask(planning.TaskId, null, null), TestFlows.Clerk("natural-resources")).Refusal;
        var answerApproval = driver.Do(new AnswerConsultation(fire.TaskId, "同意"), Fire).Refusal;
        var withdrawByConsulted = driver.Do(new WithdrawConsultation(planning.TaskId, "x"), TestFlows.Clerk("natural-resources")).Refusal;

        Assert.Multiple(() =>
        {
            Assert.That((own?.Code, own?.Field), Is.EqualTo((RefusalCodes.ConsultDepartments, "departments[0]")));
            Assert.That((twice?.Code, twice?.Field), Is.EqualTo((RefusalCodes.ConsultDepartments, "departments[1]")));
            Assert.That((pending?.Code, pending?.Field), Is.EqualTo((RefusalCodes.ConsultDepartments, "departments[1]")));
            Assert.That((noQuestion?.Code, noQuestion?.Field), Is.EqualTo((RefusalCodes.QuestionRequired, "question")));
            Assert.That((days?.Code, days?.Field), Is.EqualTo((RefusalCodes.WorkingDays, "workingDays")));
            Assert.That((noOpinion?.Code, noOpinion?.Field), Is.EqualTo((RefusalCodes.OpinionRequired, "opinion")));
            Assert.That(wrongAnswerer?.Code, Is.EqualTo(RefusalCodes.OtherDepartment));
            Assert.That(approveConsultation?.Code, Is.EqualTo(RefusalCodes.ConsultationTask));
            Assert.That(answerApproval?.Code, Is.EqualTo(RefusalCodes.NotConsultation));
            Assert.That(withdrawByConsulted?.Code, Is.EqualTo(RefusalCodes.OtherDepartment));
            Assert.That(driver.State.Version, Is.EqualTo(version));
        });
    }
}
