using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Engine.Tests.Cases;

public class IntakeAndServiceTests
{
    private static readonly ApplicantInput Person = new("person", "11010519491231002X", "张三", "13800000000");

    private static WorkflowDefinition WithMaterials() => TestFlows.OpenRestaurant() with
    {
        Materials =
        [
            new MaterialDefinition("id-card", "身份证", Required: true, Deferrable: false),
            new MaterialDefinition("lease", "租赁合同", Required: true, Deferrable: true),
            new MaterialDefinition("floor-plan", "平面图", Required: false, Deferrable: false),
        ],
    };

    private static Decision Start(CaseDriver d, ApplicantInput? applicant, params MaterialInput[] materials) =>
        d.Do(new StartCase(Guid.NewGuid(), TestFlows.Data("""{"seats": "many"}"""), applicant, materials), TestFlows.Window);

    [Test]
    public void Only_a_window_clerk_accepts_a_case_whatever_else_the_intake_holds()
    {
        var clerk = new Actor("li@taxation", "李", [ClerkRoles.DepartmentClerk], "taxation");
        foreach (var actor in new[] { clerk, TestFlows.Supervisor, Actor.System })
        {
            var d = new CaseDriver(WithMaterials());
            var decision = d.Do(new StartCase(Guid.NewGuid(), TestFlows.Data(), Person, [new MaterialInput("id-card", true, null), new MaterialInput("lease", true, null)]), actor);
            Assert.Multiple(() =>
            {
                Assert.That(decision.Refusal?.Code, Is.EqualTo(RefusalCodes.WindowOnly), actor.UserId);
                Assert.That(decision.Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden), actor.UserId);
                Assert.That(d.State.IsStarted, Is.False, actor.UserId);
            });
        }
    }

    [Test]
    public void Intake_reports_every_problem_at_once_and_starts_nothing()
    {
        var d = new CaseDriver(WithMaterials());
        var decision = Start(d, new ApplicantInput("person", "110105194912310021", "", null), new MaterialInput("passport", true, null));

        var errors = decision.Refusal!.Errors!;
        Assert.Multiple(() =>
        {
            Assert.That(errors.Keys, Is.SupersetOf(new[] { "applicant.id", "applicant.name", "data.seats", "materials[0].materialId", "materials" }));
            Assert.That(errors["materials"].Single(), Does.Contain("身份证").And.Contain("租赁合同"));
            Assert.That(d.State.IsStarted, Is.False);
        });
    }

    [Test]
    public void A_deferrable_material_may_be_promised_and_then_blocks_delivery_until_received()
    {
        var d = new CaseDriver(WithMaterials());
        var started = d.Do(new StartCase(Guid.NewGuid(), TestFlows.Data(), Person,
            [new MaterialInput("id-card", true, null), new MaterialInput("lease", false, new DateOnly(2026, 3, 9))]), TestFlows.Window);
        Assert.That(started.IsAccepted, Is.True, started.Refusal?.Message);
        foreach (var task in d.State.Tasks.ToList())
        {
            d.Approve(task.StepId);
        }

        Assert.That(d.Do(new DeliverCase("pickup", null), TestFlows.Window).Refusal?.Code, Is.EqualTo("materials-outstanding"));
        Assert.That(d.Do(new ReceiveMaterial("lease", "window"), TestFlows.Window).IsAccepted, Is.True);
        Assert.That(d.Do(new DeliverCase("pickup", null), TestFlows.Window).IsAccepted, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.Completed));
            Assert.That(d.State.Visits, Is.EqualTo(3), "intake, the lease at the window, pickup");
            Assert.That(d.State.Applicant!.Id, Is.EqualTo("11010519491231002X"));
        });
    }

    [Test]
    public void A_required_material_that_is_not_deferrable_cannot_be_promised()
    {
        var d = new CaseDriver(WithMaterials());
        var decision = Start(d, Person, new MaterialInput("id-card", false, new DateOnly(2026, 3, 9)), new MaterialInput("lease", true, null));
        Assert.That(decision.Refusal!.Errors!.Keys, Does.Contain("materials[0].promisedBy"));
    }

    [Test]
    public void Online_interactions_are_not_visits()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        d.Do(new ReturnForSupplement(d.TaskOf("fire").TaskId, ["图纸"], null), TestFlows.Clerk("fire-rescue"));
        d.Do(new ReceiveSupplement(d.TaskOf("fire").TaskId, "online"), TestFlows.Clerk("fire-rescue"));
        foreach (var task in d.State.Tasks.ToList())
        {
            d.Approve(task.StepId);
        }

        d.Do(new DeliverCase("electronic", null), TestFlows.Window);
        Assert.That(d.State.Visits, Is.EqualTo(1), "only the intake itself");
    }

    [Test]
    public void Withdrawal_cancels_the_open_tasks_and_ends_the_case()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        d.Approve("tax");
        Assert.That(d.Do(new WithdrawCase(""), TestFlows.Window).Refusal?.Field, Is.EqualTo("reason"));
        Assert.That(d.Do(new WithdrawCase("改变经营计划"), TestFlows.Clerk("taxation")).Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));

        d.Do(new WithdrawCase("改变经营计划"), TestFlows.Window);

        Assert.Multiple(() =>
        {
            Assert.That(d.State.Status, Is.EqualTo(CaseStatus.Withdrawn));
            Assert.That(d.TaskOf("tax").Status, Is.EqualTo(TaskStatus.Approved));
            Assert.That(d.TaskOf("fire").Status, Is.EqualTo(TaskStatus.Cancelled));
            Assert.That(d.Approve("fire").Refusal?.Code, Is.EqualTo("case-ended"));
        });
    }

    [Test]
    public void A_completed_case_is_rated_once_from_1_to_5()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        Assert.That(d.Do(new RateService(5, null), TestFlows.Window).Refusal?.Code, Is.EqualTo("not-completed"));
        foreach (var task in d.State.Tasks.ToList())
        {
            d.Approve(task.StepId);
        }

        d.Do(new DeliverCase("pickup", null), TestFlows.Window);
        Assert.Multiple(() =>
        {
            Assert.That(d.Do(new RateService(6, null), TestFlows.Window).Refusal?.Field, Is.EqualTo("score"));
            Assert.That(d.Do(new RateService(5, "一次办好"), TestFlows.Window).IsAccepted, Is.True);
            Assert.That(d.Do(new RateService(4, null), TestFlows.Window).Refusal?.Code, Is.EqualTo("already-rated"));
            Assert.That(d.State.Rating!.Score, Is.EqualTo(5));
        });
    }

    [Test]
    public void A_task_is_transferred_within_its_department()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        var fire = d.TaskOf("fire").TaskId;
        d.Do(new ClaimTask(fire), TestFlows.Clerk("fire-rescue", "wang"));

        Assert.That(d.Do(new TransferTask(fire, "li@fire-rescue"), TestFlows.Clerk("taxation", "zhao")).Refusal?.Kind, Is.EqualTo(RefusalKind.Forbidden));
        Assert.That(d.Do(new TransferTask(fire, "li@fire-rescue"), TestFlows.Clerk("fire-rescue", "wang")).IsAccepted, Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(d.TaskOf("fire").ClaimedBy, Is.EqualTo("li@fire-rescue"));
            Assert.That(d.Approve("fire").Refusal?.Code, Is.EqualTo("task-claimed"), "the clerk fire-rescue@clerk no longer holds it");
        });
    }

    [Test]
    public void Every_event_names_the_command_that_caused_it()
    {
        var d = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        d.Approve("tax");
        Assert.Multiple(() =>
        {
            Assert.That(d.History.OfType<CaseStarted>().Single().Command, Is.EqualTo("start-case"));
            Assert.That(d.History.OfType<TaskOpened>().Select(e => e.Command), Is.All.EqualTo("start-case"));
            Assert.That(d.History.OfType<TaskApproved>().Single().Command, Is.EqualTo("approve-task"));
        });
    }
}
