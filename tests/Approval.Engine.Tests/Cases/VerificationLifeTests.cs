using Approval.Calendar;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

/// <summary>
/// What a verification (核查) of an item approved on commitment survives: a recompute of
/// provisional deadlines keeps its verification limit, and a join deciding its branch leaves it
/// open, since the item is granted and the check is the applicant's obligation, not branch work.
/// </summary>
public class VerificationLifeTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Mid-December: a 20-working-day verification reaches into 2027, which has no calendar file.</summary>
    private static readonly DateTimeOffset December15 = new(2026, 12, 15, 10, 0, 0, China);

    /// <summary>Test data standing in for the 2027 notice, which is not published yet: New Year 1–3 January off.</summary>
    private static readonly CalendarYear Year2027 = new(2027, [new Holiday("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3))], [], "test data");

    private static readonly TimeLimit VerificationLimit = TimeLimit.OfWorkingDays(20);

    private static TaskStepDefinition Signage() => TestFlows.Task("signage", "urban-management") with
    {
        Commitment = new CommitmentPolicy { VerificationLimit = VerificationLimit },
    };

    private static CaseDriver Committed(WorkflowDefinition definition, DateTimeOffset now)
    {
        var d = new CaseDriver(definition) { Now = now };
        var start = new StartCase(Guid.NewGuid(), TestFlows.Data(), new ApplicantInput("person", "11010519491231002X", "张三", null))
        {
            Commitments = [new CommitmentInput("signage", "张三", now.AddHours(-1))],
            Credit = CreditStanding.Clear,
        };
        var started = d.Do(start, TestFlows.Window);
        Assert.That(started.Refusal, Is.Null, started.Refusal?.Message);
        return d;
    }

    private static TaskState Verification(CaseDriver d) => d.State.Tasks.Single(t => t.Kind == TaskKind.Verification);

    private static CaseDriver ProvisionalVerification()
    {
        var d = Committed(TestFlows.Bundle(JoinRule.All, TestFlows.Task("licence", "market-regulation", 1), Signage()), December15);
        Assert.Multiple(() =>
        {
            Assert.That(Verification(d).Due.Provisional, Is.True, "20 working days from 15 December reach into 2027");
            Assert.That(d.TaskOf("licence").Due.Provisional, Is.False);
            Assert.That(d.State.Due!.Value.Provisional, Is.False);
        });
        return d;
    }

    private static Deadline ExpectedOn2027File(CaseDriver d) => d.Calendar.Due(December15, VerificationLimit);

    [Test]
    public void A_recompute_replays_a_verification_on_its_verification_limit_not_on_its_steps()
    {
        var d = ProvisionalVerification();
        d.Calendar = new WorkingCalendar([.. TestFlows.Calendar.Years, Year2027], new CalendarOptions());

        var recomputed = d.Do(new RecomputeDeadlines(), Actor.System);

        Assert.That(recomputed.Refusal, Is.Null, recomputed.Refusal?.Message);
        var verification = Verification(d);
        Assert.Multiple(() =>
        {
            Assert.That(verification.Due, Is.EqualTo(ExpectedOn2027File(d)), "20 working days on the 2027 file, not the step's 3");
            Assert.That(verification.Due.At, Is.GreaterThan(TestFlows.Calendar.Due(December15, VerificationLimit).At), "New Year's Day off pushes it a working day later");
            Assert.That(verification.DueVersion, Is.EqualTo(2));
            Assert.That(d.Do(new RecomputeDeadlines(), Actor.System).Refusal?.Code, Is.EqualTo(RefusalCodes.NothingToRecompute));
        });
    }

    [Test]
    public void A_delivered_case_still_has_its_open_verification_recomputed_and_only_that()
    {
        var d = ProvisionalVerification();
        d.Approve("licence");
        Assert.That(d.Do(new DeliverCase("pickup", null), TestFlows.Window).Refusal, Is.Null);
        Assert.That(d.State.Status, Is.EqualTo(CaseStatus.Completed));
        d.Calendar = new WorkingCalendar([.. TestFlows.Calendar.Years, Year2027], new CalendarOptions());

        var recomputed = d.Do(new RecomputeDeadlines(), Actor.System);

        Assert.That(recomputed.Refusal, Is.Null, recomputed.Refusal?.Message);
        Assert.Multiple(() =>
        {
            Assert.That(Verification(d).Due, Is.EqualTo(ExpectedOn2027File(d)));
            Assert.That(recomputed.Events.OfType<DeadlineMoved>().Select(m => m.TaskId), Is.EqualTo(new Guid?[] { Verification(d).TaskId }), "the ended case's own limit is not moved");
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.Completed));
        });
    }

    [Test]
    public void A_recompute_of_an_ended_case_without_a_provisional_follow_up_changes_nothing()
    {
        var d = Committed(TestFlows.Bundle(JoinRule.All, TestFlows.Task("licence", "market-regulation", 1), Signage()), TestFlows.Monday);
        d.Approve("licence");
        d.Do(new DeliverCase("pickup", null), TestFlows.Window);

        Assert.That(d.Do(new RecomputeDeadlines(), Actor.System).Refusal?.Code, Is.EqualTo(RefusalCodes.NothingToRecompute));
    }

    /// <summary>或签 between a sequence that starts with the committed item and a single task.</summary>
    private static WorkflowDefinition AnyOf() => TestFlows.Bundle(
        JoinRule.Any,
        new SequenceStepDefinition { Id = "outdoor", Name = "户外", Steps = [Signage(), TestFlows.Task("fire", "fire-rescue")] },
        TestFlows.Task("tax", "taxation", 1));

    [Test]
    public void A_join_that_cuts_the_branch_of_a_committed_item_leaves_its_verification_open()
    {
        var d = Committed(AnyOf(), TestFlows.Monday);
        Assert.That(d.TaskOf("signage").Status, Is.EqualTo(TaskStatus.Approved), "approved on commitment");
        Assert.That(d.TaskOf("fire").Status, Is.EqualTo(TaskStatus.Open));

        var joined = d.Approve("tax");

        Assert.That(joined.Refusal, Is.Null);
        Assert.Multiple(() =>
        {
            Assert.That(d.TaskOf("fire").Status, Is.EqualTo(TaskStatus.Cancelled), "the branch's open item is cut");
            Assert.That(d.State.OutcomeOf("outdoor"), Is.EqualTo(StepOutcome.Cancelled));
            Assert.That(Verification(d).Status, Is.EqualTo(TaskStatus.Open), "the item was granted on commitment; its check is still owed");
            Assert.That(joined.Events.OfType<TaskCancelled>().Select(c => c.TaskId), Is.EqualTo(new[] { d.TaskOf("fire").TaskId }));
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery));
        });

        Assert.That(d.Do(new DeliverCase("pickup", null), TestFlows.Window).Refusal, Is.Null);
        var clerk = TestFlows.Clerk("urban-management");
        Assert.That(d.Do(new CompleteVerification(Verification(d).TaskId, false, "招牌与承诺不符"), clerk).Refusal, Is.Null, "worked after delivery like any verification");
        Assert.That(d.State.IsRevoked("signage"), Is.True);
    }

    [Test]
    public void A_rejected_bundle_still_cancels_the_verification_of_a_cut_branch()
    {
        var d = Committed(TestFlows.Bundle(
            JoinRule.All,
            new SequenceStepDefinition { Id = "outdoor", Name = "户外", Steps = [Signage(), TestFlows.Task("fire", "fire-rescue")] },
            TestFlows.Task("tax", "taxation", 1)), TestFlows.Monday);

        var rejected = d.Reject("tax");

        Assert.Multiple(() =>
        {
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.Rejected));
            Assert.That(d.TaskOf("fire").Status, Is.EqualTo(TaskStatus.Cancelled));
            Assert.That(Verification(d).Status, Is.EqualTo(TaskStatus.Cancelled), "a rejected bundle issues nothing, so nothing is left to verify");
            Assert.That(rejected.Events.OfType<TaskCancelled>().Single(c => c.TaskId == Verification(d).TaskId).Reason, Is.EqualTo("case rejected"));
        });
    }
    [Test]
    public void A_send_back_that_reopens_the_item_replaces_its_verification_with_the_new_rounds()
    {
        var definition = TestFlows.Bundle(JoinRule.All) with
        {
            Steps =
            [
                new IntakeStepDefinition { Id = "intake", Name = "受理" },
                Signage(),
                TestFlows.Task("review", "housing-construction") with { SendBack = ["signage"] },
                new DeliveryStepDefinition { Id = "deliver", Name = "统一出件" },
            ],
        };
        var d = Committed(definition, TestFlows.Monday);
        var first = Verification(d);
        d.Now = TestFlows.Monday.AddDays(1);

        var sent = d.Do(new SendBack(d.TaskOf("review").TaskId, "signage", "招牌位置变更"), TestFlows.Clerk("housing-construction"));

        Assert.That(sent.Refusal, Is.Null, sent.Refusal?.Message);
        var verifications = d.State.Tasks.Where(t => t.Kind == TaskKind.Verification).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(verifications.Select(v => (v.Round, v.Status)), Is.EqualTo(new[] { (1, TaskStatus.Cancelled), (2, TaskStatus.Open) }),
                "the superseded approval's check goes with it; the item approved again on commitment owes a new one");
            Assert.That(verifications[0].TaskId, Is.EqualTo(first.TaskId));
            Assert.That(verifications[1].Due, Is.EqualTo(TestFlows.Calendar.Due(d.Now, VerificationLimit)), "from the new approval");
            Assert.That(d.TaskOf("signage").Round, Is.EqualTo(2));
            Assert.That(d.TaskOf("signage").Status, Is.EqualTo(TaskStatus.Approved));
        });
    }
}
