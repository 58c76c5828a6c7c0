using System.Text.Json;
using Approval.Calendar;
using Approval.Testing;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Tests.Cases;

/// <summary>Definitions built in code and a small driver, so engine tests read as the story they check.</summary>
internal static class TestFlows
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    public static readonly WorkingCalendar Calendar = ShippedCalendar.Default;


    public static TaskStepDefinition Task(string id, string department, int days = 3, Condition? when = null) => new()
    {
        MaxExtensionWorkingDays = 5,
        Id = id,
        Name = id,
        Department = department,
        TimeLimit = TimeLimit.OfWorkingDays(days),
        When = when,
    };

    public static WorkflowDefinition Bundle(JoinRule join, params StepDefinition[] branches) => new()
    {
        Id = "test-bundle",
        Name = "测试",
        TimeLimit = TimeLimit.OfWorkingDays(5),
        MaxExtensionWorkingDays = 10,
        Fields = new Dictionary<string, FieldType> { ["hasOutdoorSign"] = FieldType.Boolean, ["seats"] = FieldType.Integer },
        Steps =
        [
            new IntakeStepDefinition { Id = "intake", Name = "受理" },
            new ParallelStepDefinition { Id = "joint-review", Name = "并联审批", Join = join, Branches = branches },
            new DeliveryStepDefinition { Id = "deliver", Name = "统一出件" },
        ],
    };

    public static WorkflowDefinition OpenRestaurant() => Bundle(
        JoinRule.All,
        Task("licence", "market-regulation", 1),
        Task("food-permit", "market-regulation"),
        Task("signage", "urban-management", when: new Condition("hasOutdoorSign", d => d.TryGetValue("hasOutdoorSign", out var v) && v.ValueKind == JsonValueKind.True)),
        Task("fire", "fire-rescue"),
        Task("tax", "taxation", 1));

    public static Actor Clerk(string department, string user = "clerk") => new(user + "@" + department, user, [ClerkRoles.DepartmentClerk], department);

    public static readonly Actor Supervisor = new("boss", "督办", [ClerkRoles.Supervisor], null);

    public static readonly Actor Window = new("window-1", "窗口", [ClerkRoles.WindowClerk], "window");

    public static IReadOnlyDictionary<string, JsonElement> Data(string json = "{}") =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}

/// <summary>Drives one case through the decider, folding accepted events like the store does.</summary>
internal sealed class CaseDriver
{
    private readonly WorkflowDefinition _definition;
    private readonly List<CaseEvent> _history = [];

    public CaseDriver(WorkflowDefinition definition) => _definition = definition;

    public CaseState State { get; private set; } = new();
    public IReadOnlyList<CaseEvent> History => _history;
    public DateTimeOffset Now { get; set; } = TestFlows.Monday;

    public WorkingCalendar Calendar { get; set; } = TestFlows.Calendar;

    public Decision Do(CaseCommand command, Actor actor)
    {
        var decision = CaseDecider.Decide(State, command, new DecisionContext(_definition, 1, Calendar, Now, actor));
        State = decision.State;
        _history.AddRange(decision.Events);

        return decision;
    }

    public CaseDriver Start(string data = "{}")
    {
        var decision = Do(new StartCase(Guid.NewGuid(), TestFlows.Data(data)), TestFlows.Window);
        Assert.That(decision.Refusal, Is.Null, "start");
        return this;
    }

    public TaskState TaskOf(string stepId) => State.FindTaskOfStep(stepId) ?? throw new AssertionException($"no task for {stepId}");

    public Decision Approve(string stepId) => Do(new ApproveTask(TaskOf(stepId).TaskId, "OK-" + stepId, null), TestFlows.Clerk(TaskOf(stepId).Department));

    public Decision Reject(string stepId, string reason = "材料不符") => Do(new RejectTask(TaskOf(stepId).TaskId, reason), TestFlows.Clerk(TaskOf(stepId).Department));

    public int Count<T>() where T : CaseEvent => _history.OfType<T>().Count();
}
