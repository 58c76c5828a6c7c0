using System.Text.Json;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

public class DecisionAndRulesTests
{
    private static WorkflowDefinition WithDecision()
    {
        static Condition Seats(int over) => new($"seats > {over}", d => d.TryGetValue("seats", out var v) && v.ValueKind == JsonValueKind.Number && v.GetInt64() > over);
        var decision = new DecisionStepDefinition
        {
            Id = "size",
            Name = "规模",
            Branches =
            [
                new SequenceStepDefinition { Id = "large", Name = "大型", When = Seats(100), Steps = [TestFlows.Task("site-inspection", "fire-rescue")] },
                new SequenceStepDefinition { Id = "small", Name = "小型", Steps = [TestFlows.Task("commitment", "market-regulation")] },
            ],
        };
        return TestFlows.Bundle(JoinRule.All, TestFlows.Task("licence", "market-regulation")) with
        {
            Steps = [new IntakeStepDefinition { Id = "intake", Name = "受理" }, decision, new DeliveryStepDefinition { Id = "deliver", Name = "出件" }],
        };
    }

    [TestCase(150, "site-inspection", "commitment", "large")]
    [TestCase(20, "commitment", "site-inspection", "small")]
    public void A_decision_runs_the_first_branch_whose_condition_holds(int seats, string opened, string notOpened, string branch)
    {
        var driver = new CaseDriver(WithDecision()).Start($$"""{"seats": {{seats}}}""");

        Assert.Multiple(() =>
        {
            Assert.That(driver.TaskOf(opened).Status, Is.EqualTo(TaskStatus.Open));
            Assert.That(driver.State.FindTaskOfStep(notOpened), Is.Null);
            Assert.That(driver.History.OfType<DecisionTaken>().Single().BranchId, Is.EqualTo(branch));
        });

        driver.Approve(opened);
        Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery));
    }

    [Test]
    public void A_clerk_of_another_department_is_refused_and_nothing_changes()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        var version = driver.State.Version;

        var decision = driver.Do(new ApproveTask(driver.TaskOf("fire").TaskId, null, null), TestFlows.Clerk("taxation"));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
            Assert.That(driver.State.Version, Is.EqualTo(version));
            Assert.That(driver.TaskOf("fire").Status, Is.EqualTo(TaskStatus.Open));
        });
    }

    [Test]
    public void A_task_claimed_by_one_clerk_cannot_be_approved_by_another_of_the_same_department()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        var fire = driver.TaskOf("fire").TaskId;
        Assert.That(driver.Do(new ClaimTask(fire), TestFlows.Clerk("fire-rescue", "wang")).IsAccepted, Is.True);

        var other = driver.Do(new ApproveTask(fire, null, null), TestFlows.Clerk("fire-rescue", "li"));
        var owner = driver.Do(new ApproveTask(fire, null, null), TestFlows.Clerk("fire-rescue", "wang"));

        Assert.Multiple(() =>
        {
            Assert.That(other.Refusal?.Code, Is.EqualTo("task-claimed"));
            Assert.That(owner.IsAccepted, Is.True);
        });
    }

    [Test]
    public void A_rejection_without_reason_names_the_field()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();

        var decision = driver.Do(new RejectTask(driver.TaskOf("fire").TaskId, "  "), TestFlows.Clerk("fire-rescue"));

        Assert.That(decision.Refusal, Is.EqualTo(Refusal.Invalid("reason-required", new FieldPath("reason"), "A rejection must give its reason.")));
    }

    [TestCase("""{"colour": "red"}""", "data.colour", "unknown-field")]
    [TestCase("""{"seats": "many"}""", "data.seats", "field-type")]
    [TestCase("""{"seats": 1.5}""", "data.seats", "field-type")]
    [TestCase("""{"hasOutdoorSign": 1}""", "data.hasOutdoorSign", "field-type")]
    public void Form_data_that_does_not_fit_the_declared_fields_is_refused_with_its_path(string data, string field, string code)
    {
        var state = new CaseState();
        var decision = CaseDecider.Decide(state, new StartCase(Guid.NewGuid(), TestFlows.Data(data)),
            new DecisionContext(TestFlows.OpenRestaurant(), 1, TestFlows.Calendar, TestFlows.Monday, TestFlows.Window));

        Assert.Multiple(() =>
        {
            Assert.That(decision.Refusal?.Field, Is.EqualTo(field));
            Assert.That(decision.Refusal?.Code, Is.EqualTo(code));
            Assert.That(state.IsStarted, Is.False);
        });
    }

    [Test]
    public void Delivery_is_refused_while_approvals_are_open_and_to_a_department_clerk()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        Assert.That(driver.Do(new DeliverCase("pickup", null), TestFlows.Window).Refusal?.Code, Is.EqualTo("not-awaiting-delivery"));

        foreach (var task in driver.State.Tasks.ToList())
        {
            driver.Approve(task.StepId);
        }

        Assert.Multiple(() =>
        {
            Assert.That(driver.Do(new DeliverCase("pickup", null), TestFlows.Clerk("taxation")).Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
            Assert.That(driver.Do(new DeliverCase("express", null), TestFlows.Window).Refusal?.Field, Is.EqualTo("trackingNumber"));
            Assert.That(driver.Do(new DeliverCase("drone", null), TestFlows.Window).Refusal?.Field, Is.EqualTo("method"));
            Assert.That(driver.State.Status, Is.EqualTo(CaseStatus.AwaitingDelivery));
        });
    }

    [Test]
    public void Every_event_records_who_and_when()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        driver.Now = TestFlows.Monday.AddHours(2);
        driver.Approve("fire");

        var approved = driver.History.OfType<TaskApproved>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(approved.At, Is.EqualTo(TestFlows.Monday.AddHours(2)));
            Assert.That(approved.Actor.Department, Is.EqualTo("fire-rescue"));
            Assert.That(driver.History.OfType<CaseStarted>().Single().Actor, Is.EqualTo(TestFlows.Window));
        });
    }

    [Test]
    public void Replaying_the_events_gives_the_same_state_as_living_through_them()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start("""{"hasOutdoorSign": true}""");
        driver.Approve("licence");
        driver.Reject("signage");

        var replayed = CaseState.Fold(driver.History);

        Assert.Multiple(() =>
        {
            Assert.That(replayed.Status, Is.EqualTo(driver.State.Status));
            Assert.That(replayed.Version, Is.EqualTo(driver.State.Version));
            Assert.That(replayed.Tasks.Select(t => (t.StepId, t.Status)), Is.EquivalentTo(driver.State.Tasks.Select(t => (t.StepId, t.Status))));
        });
    }

    [Test]
    public void Task_ids_are_stable_per_case_and_step_and_differ_across_cases()
    {
        var caseId = Guid.NewGuid();
        var copy = new Guid(caseId.ToByteArray());
        Assert.Multiple(() =>
        {
            Assert.That(TaskIds.For(caseId, "fire"), Is.EqualTo(TaskIds.For(copy, "fire")));
            Assert.That(TaskIds.For(caseId, "fire"), Is.Not.EqualTo(TaskIds.For(caseId, "tax")));
            Assert.That(TaskIds.For(caseId, "fire"), Is.Not.EqualTo(TaskIds.For(Guid.NewGuid(), "fire")));
        });
    }

    [Test]
    public void A_cases_task_ids_sort_beside_it_after_the_tasks_of_earlier_cases()
    {
        // Time-ordered case ids, as StartCase makes them; the database sorts ids as their text (SQLite)
        // or their big-endian bytes (PostgreSQL), which order alike.
        var start = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var cases = Enumerable.Range(0, 50).Select(i => Guid.CreateVersion7(start.AddMilliseconds(i))).ToList();
        string[] steps = ["business-licence", "food-permit", "signage", "fire-safety", "tax-registration"];
        var tasks = cases.Select(c => steps.Select(s => TaskIds.For(c, s).ToString("D").ToUpperInvariant()).ToList()).ToList();
        Assert.Multiple(() =>
        {
            for (var i = 0; i < cases.Count; i++)
            {
                var prefix = cases[i].ToString("D").ToUpperInvariant()[..13];
                Assert.That(tasks[i], Has.All.StartsWith(prefix), "a task id begins with its case id's timestamp");
                if (i > 0)
                {
                    Assert.That(string.CompareOrdinal(tasks[i].Min(), tasks[i - 1].Max()), Is.GreaterThan(0), "a later case's tasks sort after an earlier case's");
                }
            }

            var id = TaskIds.For(cases[0], "fire");
            Assert.That(id.Version, Is.EqualTo(8));
            Assert.That(id.Variant, Is.InRange(0b1000, 0b1011), "the RFC 9562 variant, 10xx");
        });
    }

    [Test]
    public void Two_cases_that_share_the_id_prefix_still_get_different_task_ids()
    {
        var a = Guid.Parse("01a23c88-d4e5-7a35-a044-3ecdbe53d143");
        var b = Guid.Parse("01a23c88-d4e5-7a35-b111-000000000001");
        Assert.That(TaskIds.For(a, "fire"), Is.Not.EqualTo(TaskIds.For(b, "fire")));
    }
}
