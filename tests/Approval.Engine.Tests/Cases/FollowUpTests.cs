using Approval.Calendar;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

/// <summary>Approval on commitment (告知承诺制) with its verification (核查) and revocation (撤销), credit (信用) at intake, and rectification of bad ratings (差评整改).</summary>
public class FollowUpTests
{
    private static readonly ApplicantInput Person = new("person", "11010519491231002X", "张三", null);

    /// <summary>The restaurant bundle with signage on commitment (verified within 20 working days) and approval by silence on it.</summary>
    private static WorkflowDefinition Bundle()
    {
        var restaurant = TestFlows.OpenRestaurant();
        var parallel = (ParallelStepDefinition)restaurant.Steps[1];
        return restaurant with
        {
            Materials = [new MaterialDefinition("lease", "租赁合同", Required: true, Deferrable: true)],
            Steps =
            [
                restaurant.Steps[0],
                parallel with
                {
                    Branches = [.. parallel.Branches.Select(b => b is TaskStepDefinition { Id: "signage" } t
                        ? t with { OnOverdue = OverdueAction.Approve, Commitment = new CommitmentPolicy { VerificationLimit = TimeLimit.OfWorkingDays(20) } }
                        : b)],
                },
                restaurant.Steps[2],
            ],
        };
    }

    private static readonly MaterialInput Lease = new("lease", true, null);

    private static StartCase Intake(CreditStanding credit = CreditStanding.NotChecked, MaterialInput? lease = null, params CommitmentInput[] commitments) =>
        new(Guid.NewGuid(), TestFlows.Data("""{"hasOutdoorSign": true}"""), Person, [lease ?? Lease]) { Commitments = commitments, Credit = credit };

    private static CommitmentInput Signage(DateTimeOffset? at = null) => new("signage", "张三", at ?? TestFlows.Monday.AddHours(-1));

    private static CaseDriver Committed()
    {
        var d = new CaseDriver(Bundle());
        var started = d.Do(Intake(CreditStanding.Clear, null, Signage()), TestFlows.Window);
        Assert.That(started.Refusal, Is.Null, started.Refusal?.Message);
        return d;
    }

    private static TaskState Verification(CaseDriver d) => d.State.Tasks.Single(t => t.Kind == TaskKind.Verification);

    private static CaseDriver Delivered(CaseDriver d)
    {
        foreach (var task in d.State.Tasks.Where(t => t.Kind == TaskKind.Approval && t.Status.IsOpen()).ToList())
        {
            Assert.That(d.Approve(task.StepId).Refusal, Is.Null);
        }

        Assert.That(d.Do(new DeliverCase("pickup", null), TestFlows.Window).Refusal, Is.Null);
        return d;
    }

    [Test]
    public void A_committed_item_is_approved_at_intake_and_its_verification_opens_with_its_own_limit()
    {
        var d = Committed();
        var approval = d.TaskOf("signage");
        var verification = Verification(d);
        Assert.Multiple(() =>
        {
            Assert.That(approval.Status, Is.EqualTo(TaskStatus.Approved));
            Assert.That(approval.Result, Is.EqualTo("告知承诺"));
            Assert.That(verification.StepId, Is.EqualTo("signage"));
            Assert.That(verification.Department, Is.EqualTo("urban-management"));
            Assert.That(verification.Status, Is.EqualTo(TaskStatus.Open));
            Assert.That(verification.Due, Is.EqualTo(TestFlows.Calendar.Due(TestFlows.Monday, TimeLimit.OfWorkingDays(20))));
            Assert.That(d.State.Commitments["signage"].SignedBy, Is.EqualTo("张三"));
            Assert.That(d.State.Credit, Is.EqualTo("clear"));
            Assert.That(d.Count<CommitmentsSigned>(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Only_approval_tasks_join_and_the_case_is_delivered_while_verification_is_open()
    {
        var d = Committed();
        foreach (var step in new[] { "licence", "food-permit", "fire" })
        {
            d.Approve(step);
        }

        Assert.That(d.State.Status, Is.EqualTo(CaseStatus.Running), "tax is still open; the verification does not count");
        d.Approve("tax");
        Assert.That(d.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery), "the open verification does not hold the join");
        Assert.That(d.Do(new DeliverCase("pickup", null), TestFlows.Window).Refusal, Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.Completed));
            Assert.That(Verification(d).Status, Is.EqualTo(TaskStatus.Open));
        });
    }

    [Test]
    public void A_verification_passes_after_delivery_and_other_commands_stay_refused_on_the_ended_case()
    {
        var d = Delivered(Committed());
        var clerk = TestFlows.Clerk("urban-management");
        var verification = Verification(d);
        Assert.Multiple(() =>
        {
            Assert.That(d.Do(new ClaimTask(verification.TaskId), clerk).Refusal, Is.Null, "claim is a follow-up command");
            Assert.That(d.Do(new CompleteVerification(verification.TaskId, true, "现场与承诺一致"), clerk).Refusal, Is.Null);
            Assert.That(Verification(d).Status, Is.EqualTo(TaskStatus.Approved));
            Assert.That(d.State.IsRevoked("signage"), Is.False);
            Assert.That(d.Do(new ExtendCase(1, "x"), TestFlows.Supervisor).Refusal?.Code, Is.EqualTo(RefusalCodes.CaseEnded));
            Assert.That(d.Do(new ClaimTask(d.TaskOf("licence").TaskId), TestFlows.Clerk("market-regulation")).Refusal?.Code, Is.EqualTo(RefusalCodes.CaseEnded));
        });
    }

    [Test]
    public void A_failed_verification_revokes_the_item_with_a_revocation_card_and_the_case_stays_delivered()
    {
        var d = Delivered(Committed());
        d.Now = TestFlows.Monday.AddDays(9);
        var verification = Verification(d);
        var decision = d.Do(new CompleteVerification(verification.TaskId, false, "招牌尺寸与承诺不符"), TestFlows.Clerk("urban-management"));

        Assert.That(decision.Refusal, Is.Null);
        var card = decision.Events.OfType<CardIssued>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(decision.Events.Select(e => e.GetType()), Is.EqualTo(new[] { typeof(VerificationFailed), typeof(ItemRevoked), typeof(CardIssued) }));
            Assert.That(card.Level, Is.EqualTo(CardLevel.Revocation));
            Assert.That(card.TaskId, Is.EqualTo(verification.TaskId));
            Assert.That(card.CardAt, Is.EqualTo(d.Now));
            Assert.That(d.State.IsRevoked("signage"), Is.True);
            Assert.That(d.State.Revocations.Single().TaskId, Is.EqualTo(d.TaskOf("signage").TaskId));
            Assert.That(Verification(d).Status, Is.EqualTo(TaskStatus.Rejected));
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.Completed));
            Assert.That(decision.Events.All(e => e.Actor.Department == "urban-management" && e.Command == "complete-verification"), Is.True, "audited: who and which command");
        });
    }

    [Test]
    public void A_verification_is_supervised_after_delivery_and_never_approved_by_silence()
    {
        var d = Delivered(Committed());
        var verification = Verification(d);
        d.Now = verification.Due.At.AddMinutes(1);
        var decision = d.Do(new SuperviseDeadline(verification.TaskId, verification.DueVersion), Actor.System);

        Assert.That(decision.Refusal, Is.Null, decision.Refusal?.Message);
        Assert.Multiple(() =>
        {
            Assert.That(decision.Events.OfType<CardIssued>().Select(c => c.Level), Is.EqualTo(new[] { CardLevel.Yellow, CardLevel.Red }));
            Assert.That(decision.Events.OfType<TaskApproved>(), Is.Empty, "the signage item's 超时默许 does not pass its verification");
            Assert.That(DeadlineSchedule.NextFor(Verification(d), Bundle(), TestFlows.Calendar)?.Level, Is.EqualTo(CardLevel.Escalation));
        });
    }

    [Test]
    public void Verification_refusals_name_the_rule()
    {
        var d = Committed();
        var verification = Verification(d);
        var clerk = TestFlows.Clerk("urban-management");
        Assert.Multiple(() =>
        {
            var noFinding = d.Do(new CompleteVerification(verification.TaskId, false, " "), clerk).Refusal!;
            Assert.That((noFinding.Code, noFinding.Field), Is.EqualTo((RefusalCodes.FindingRequired, "finding")));
            Assert.That(d.Do(new CompleteVerification(verification.TaskId, false, new string('x', 2001)), clerk).Refusal?.Code, Is.EqualTo(RefusalCodes.FindingTooLong));
            Assert.That(d.Do(new CompleteVerification(verification.TaskId, true, null), TestFlows.Clerk("fire-rescue")).Refusal?.Code, Is.EqualTo(RefusalCodes.OtherDepartment));
            Assert.That(d.Do(new CompleteVerification(d.TaskOf("fire").TaskId, true, null), TestFlows.Clerk("fire-rescue")).Refusal?.Code, Is.EqualTo(RefusalCodes.NotVerification));
            Assert.That(d.Do(new ApproveTask(verification.TaskId, null, null), clerk).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskKind));
            Assert.That(d.Do(new SuspendTask(verification.TaskId, "inspection", "x"), clerk).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskKind));
            Assert.That(d.Do(new RecordFollowUp(verification.TaskId, FollowUpOutcomes.Satisfied, null), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.NotRectification));
            Assert.That(d.Do(new CompleteVerification(Guid.NewGuid(), true, null), clerk).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskNotFound));
        });
        d.Do(new CompleteVerification(verification.TaskId, true, null), clerk);
        Assert.That(d.Do(new CompleteVerification(verification.TaskId, true, null), clerk).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskNotOpen));
    }

    [Test]
    public void A_rejected_bundle_cancels_its_open_verifications()
    {
        var d = Committed();
        d.Reject("fire");
        Assert.Multiple(() =>
        {
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.Rejected));
            Assert.That(Verification(d).Status, Is.EqualTo(TaskStatus.Cancelled));
        });
    }

    [Test]
    public void Intake_checks_every_commitment_with_its_field_path()
    {
        var d = new CaseDriver(Bundle());
        var refusal = d.Do(Intake(CreditStanding.NotChecked, null,
            new CommitmentInput("fire", "张三", TestFlows.Monday),
            Signage(),
            Signage(),
            new CommitmentInput("licence", null, null)), TestFlows.Window).Refusal!;
        var late = d.Do(Intake(CreditStanding.NotChecked, null, new CommitmentInput("signage", " ", TestFlows.Monday.AddMinutes(1))), TestFlows.Window).Refusal!;
        Assert.Multiple(() =>
        {
            Assert.That(refusal.Errors!.Keys, Is.EquivalentTo(new[] { "commitments[0].stepId", "commitments[2].stepId", "commitments[3].stepId" }));
            Assert.That(refusal.Code, Is.EqualTo(RefusalCodes.NotOnCommitment));
            Assert.That(refusal.Errors["commitments[0].stepId"].Single(), Does.Contain("offered: signage"));
            Assert.That(refusal.Errors["commitments[2].stepId"].Single(), Does.Contain("twice"));
            Assert.That(late.Errors!.Keys, Is.EquivalentTo(new[] { "commitments[0].signedBy", "commitments[0].signedAt" }));
            Assert.That(late.Code, Is.EqualTo(RefusalCodes.SignerRequired));
            Assert.That(d.State.IsStarted, Is.False);
        });
    }

    [Test]
    public void Intake_reports_each_commitment_code()
    {
        static string? Code(CommitmentInput input) => new CaseDriver(Bundle()).Do(Intake(CreditStanding.Clear, null, input), TestFlows.Window).Refusal?.Code;
        Assert.Multiple(() =>
        {
            Assert.That(Code(new("fire", "张三", TestFlows.Monday)), Is.EqualTo(RefusalCodes.NotOnCommitment));
            Assert.That(Code(new("signage", "", TestFlows.Monday)), Is.EqualTo(RefusalCodes.SignerRequired));
            Assert.That(Code(new("signage", "张三", null)), Is.EqualTo(RefusalCodes.SignedAtInvalid));
            Assert.That(Code(new("signage", "张三", TestFlows.Monday.AddDays(1))), Is.EqualTo(RefusalCodes.SignedAtInvalid));
            Assert.That(new CaseDriver(Bundle()).Do(Intake(CreditStanding.Clear, null, Signage(), Signage()), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.DuplicateCommitment));
        });
    }

    [Test]
    public void A_listed_applicant_may_neither_defer_materials_nor_commit()
    {
        var promised = new MaterialInput("lease", false, new DateOnly(2026, 3, 9));
        var d = new CaseDriver(Bundle());
        var both = d.Do(Intake(CreditStanding.Listed, promised, Signage()), TestFlows.Window).Refusal!;
        var deferral = d.Do(Intake(CreditStanding.Listed, promised), TestFlows.Window).Refusal!;
        Assert.Multiple(() =>
        {
            Assert.That(both.Errors!.Keys, Is.EquivalentTo(new[] { "materials[0].promisedBy", "commitments[0]" }));
            Assert.That(both.Errors["commitments[0]"].Single(), Does.Contain(RefusalCodes.DishonestCommitment).And.Contain("失信名单"));
            Assert.That((deferral.Code, deferral.Field), Is.EqualTo((RefusalCodes.DishonestDeferral, "materials[0].promisedBy")));
            Assert.That(d.State.IsStarted, Is.False);
            Assert.That(new CaseDriver(Bundle()).Do(Intake(CreditStanding.Listed, null, Signage()), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.DishonestCommitment));
        });

        var full = new CaseDriver(Bundle());
        Assert.That(full.Do(Intake(CreditStanding.Listed), TestFlows.Window).Refusal, Is.Null, "a listed applicant is still accepted for the full review");
        Assert.That(full.State.Credit, Is.EqualTo("listed"));
    }

    [Test]
    public void An_unknown_credit_refuses_commitment_and_allows_deferral()
    {
        var promised = new MaterialInput("lease", false, new DateOnly(2026, 3, 9));
        var commit = new CaseDriver(Bundle()).Do(Intake(CreditStanding.Unknown, null, Signage()), TestFlows.Window).Refusal!;
        var defer = new CaseDriver(Bundle());
        Assert.Multiple(() =>
        {
            Assert.That((commit.Code, commit.Field), Is.EqualTo((RefusalCodes.CreditUnavailable, "commitments[0]")));
            Assert.That(defer.Do(Intake(CreditStanding.Unknown, promised), TestFlows.Window).Refusal, Is.Null);
            Assert.That(defer.State.Credit, Is.EqualTo("unknown"));
            Assert.That(defer.History.OfType<CreditChecked>().Single().Standing, Is.EqualTo("unknown"), "the failed lookup is audited");
        });
    }

    private static CaseDriver DeliveredPlain()
    {
        var d = new CaseDriver(Bundle());
        Assert.That(d.Do(Intake(), TestFlows.Window).Refusal, Is.Null);
        return Delivered(d);
    }

    [Test]
    public void A_bad_rating_opens_a_rectification_for_the_named_department_with_its_limit()
    {
        var d = DeliveredPlain();
        d.Now = TestFlows.Monday.AddDays(2);
        var rated = d.Do(new RateService(2, "等候太久") { Department = "fire-rescue" }, TestFlows.Window);

        Assert.That(rated.Refusal, Is.Null);
        var task = d.State.Tasks.Single(t => t.Kind == TaskKind.Rectification);
        Assert.Multiple(() =>
        {
            Assert.That(task.Department, Is.EqualTo("fire-rescue"));
            Assert.That(task.Due, Is.EqualTo(TestFlows.Calendar.Due(d.Now, TimeLimit.OfWorkingDays(10))));
            Assert.That(task.Status, Is.EqualTo(TaskStatus.Open));
        });
    }

    [Test]
    public void A_very_poor_rating_without_a_department_goes_to_the_delivering_window_and_a_fair_one_opens_nothing()
    {
        var poor = DeliveredPlain();
        poor.Do(new RateService(1, null) { RectificationLimit = TimeLimit.OfWorkingDays(5) }, TestFlows.Window);
        var fair = DeliveredPlain();
        fair.Do(new RateService(3, null), TestFlows.Window);
        var task = poor.State.Tasks.Single(t => t.Kind == TaskKind.Rectification);
        Assert.Multiple(() =>
        {
            Assert.That(task.Department, Is.EqualTo("window"), "the delivering clerk's department");
            Assert.That(task.Due, Is.EqualTo(TestFlows.Calendar.Due(TestFlows.Monday, TimeLimit.OfWorkingDays(5))));
            Assert.That(fair.State.Tasks.Where(t => t.Kind == TaskKind.Rectification), Is.Empty);
        });
    }

    [Test]
    public void A_rating_may_name_only_a_department_of_the_case()
    {
        var d = DeliveredPlain();
        var refusal = d.Do(new RateService(2, null) { Department = "taxation-bureau" }, TestFlows.Window).Refusal!;
        Assert.Multiple(() =>
        {
            Assert.That((refusal.Code, refusal.Field), Is.EqualTo((RefusalCodes.DepartmentNotInCase, "department")));
            Assert.That(d.State.Rating, Is.Null);
        });
    }

    [Test]
    public void The_follow_up_closes_the_rectification_with_its_outcome_and_is_for_the_window_or_a_supervisor()
    {
        var d = DeliveredPlain();
        d.Do(new RateService(2, null) { Department = "taxation" }, TestFlows.Window);
        var task = d.State.Tasks.Single(t => t.Kind == TaskKind.Rectification);
        Assert.Multiple(() =>
        {
            Assert.That(d.Do(new ClaimTask(task.TaskId), TestFlows.Clerk("taxation")).Refusal, Is.Null, "the department works its rectification after the case ended");
            Assert.That(d.Do(new RecordFollowUp(task.TaskId, FollowUpOutcomes.Satisfied, null), TestFlows.Clerk("taxation")).Refusal?.Code, Is.EqualTo(RefusalCodes.WindowOrSupervisor));
            var outcome = d.Do(new RecordFollowUp(task.TaskId, "happy", null), TestFlows.Window).Refusal!;
            Assert.That((outcome.Code, outcome.Field), Is.EqualTo((RefusalCodes.FollowUpOutcome, "outcome")));
            Assert.That(d.Do(new RecordFollowUp(task.TaskId, FollowUpOutcomes.Satisfied, new string('x', 2001)), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.FindingTooLong));
            Assert.That(d.Do(new ApproveTask(task.TaskId, null, null), TestFlows.Clerk("taxation")).Refusal?.Code, Is.EqualTo(RefusalCodes.CaseEnded));
            Assert.That(d.Do(new RecordFollowUp(Guid.NewGuid(), FollowUpOutcomes.Satisfied, null), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskNotFound));
            Assert.That(d.Do(new RecordFollowUp(d.TaskOf("tax").TaskId, FollowUpOutcomes.Satisfied, null), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.NotRectification));
            Assert.That(d.Do(new RecordFollowUp(task.TaskId, FollowUpOutcomes.Satisfied, "整改到位"), TestFlows.Supervisor).Refusal, Is.Null);
        });
        var closed = d.State.FindTask(task.TaskId)!;
        Assert.Multiple(() =>
        {
            Assert.That((closed.Status, closed.Result, closed.Reason), Is.EqualTo((TaskStatus.Approved, FollowUpOutcomes.Satisfied, "整改到位")));
            Assert.That(d.Do(new RecordFollowUp(task.TaskId, FollowUpOutcomes.Satisfied, null), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskNotOpen));
        });
    }

    [Test]
    public void A_rectification_is_supervised_like_any_task()
    {
        var d = DeliveredPlain();
        d.Do(new RateService(1, null), TestFlows.Window);
        var task = d.State.Tasks.Single(t => t.Kind == TaskKind.Rectification);
        d.Now = task.Due.At;
        var decision = d.Do(new SuperviseDeadline(task.TaskId, task.DueVersion), Actor.System);
        Assert.That(decision.Events.OfType<CardIssued>().Select(c => c.Level), Is.EqualTo(new[] { CardLevel.Yellow, CardLevel.Red }));
    }

    [Test]
    public void The_sweep_cards_every_follow_up_of_a_delivered_case_in_one_command()
    {
        var d = Delivered(Committed());
        d.Do(new RateService(1, null), TestFlows.Window);
        var verification = Verification(d);
        var rectification = d.State.Tasks.Single(t => t.Kind == TaskKind.Rectification);
        d.Now = new[] { verification.Due.At, rectification.Due.At }.Max().AddMinutes(1);

        var decision = d.Do(new SuperviseDeadlines([new SuperviseDeadline(verification.TaskId, verification.DueVersion), new SuperviseDeadline(rectification.TaskId, rectification.DueVersion)]), Actor.System);

        Assert.That(decision.Refusal, Is.Null, decision.Refusal?.Message);
        Assert.That(decision.Events.OfType<CardIssued>().Where(c => c.Level == CardLevels.Red).Select(c => c.TaskId), Is.EquivalentTo(new[] { verification.TaskId, rectification.TaskId }));
    }
}
