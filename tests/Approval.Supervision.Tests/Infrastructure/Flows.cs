using System.Text.Json;
using Approval.Calendar;
using Approval.Testing;
using Approval.Definitions.Model;
using Approval.Persistence.Workflows;

namespace Approval.Supervision.Tests.Infrastructure;

/// <summary>Definitions built in code, the shipped calendar, and local (Shanghai) instants, so tests read as the story they check.</summary>
internal static class Flows
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Monday 2 March 2026, 10:00 in Shanghai: an ordinary working week follows.</summary>
    public static readonly DateTimeOffset Monday = Local(3, 2, 10);

    public static readonly WorkingCalendar Calendar = ShippedCalendar.Default;

    public static DateTimeOffset Local(int month, int day, int hour = 0, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    public static TaskStepDefinition TaskStep(string id, string department, int days = 3, OverdueAction onOverdue = OverdueAction.Escalate) => new()
    {
        Id = id,
        Name = id + "-名",
        Department = department,
        TimeLimit = TimeLimit.OfWorkingDays(days),
        OnOverdue = onOverdue,
        MaxExtensionWorkingDays = 5,
    };

    /// <summary>
    /// fire (3 days, escalate), licence (1 day), signage (3 days, approved by silence); the case has 5
    /// working days; yellow one working day before, escalation every working day, at most 2.
    /// </summary>
    public static PublishedWorkflow Bundle() => Publish(new WorkflowDefinition
    {
        Id = "supervised",
        Name = "监察测试",
        TimeLimit = TimeLimit.OfWorkingDays(5),
        MaxExtensionWorkingDays = 10,
        Warning = new WarningPolicy { YellowBefore = TimeLimit.OfWorkingDays(1), EscalateEveryWorkingDays = 1, MaxEscalations = 2 },
        Steps =
        [
            new IntakeStepDefinition { Id = "intake", Name = "受理" },
            new ParallelStepDefinition
            {
                Id = "joint-review",
                Name = "并联审批",
                Join = JoinRule.All,
                Branches = [TaskStep("fire", "fire-rescue"), TaskStep("licence", "market-regulation", 1), TaskStep("signage", "urban-management", onOverdue: OverdueAction.Approve)],
            },
            new DeliveryStepDefinition { Id = "deliver", Name = "统一出件" },
        ],
    });

    public static IReadOnlyDictionary<string, JsonElement> NoData { get; } = new Dictionary<string, JsonElement>();

    private static PublishedWorkflow Publish(WorkflowDefinition definition) =>
        new(definition.Id, 1, definition.Name, "hash-" + definition.Id, Monday, null, definition);

}
