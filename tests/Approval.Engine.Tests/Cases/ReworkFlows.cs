using Approval.Calendar;
using Approval.Definitions.Model;

namespace Approval.Engine.Tests.Cases;

/// <summary>A two-stage bundle in the shape of 工程建设: a sequence of two tasks, then a joint acceptance (会签) and a filing, with send-back targets.</summary>
internal static class ReworkFlows
{
    public static TaskStepDefinition Task(string id, string department, int days, params string[] sendBack) =>
        TestFlows.Task(id, department, days) with { SendBack = sendBack };

    public static WorkflowDefinition Construction(JoinRule? join = null) => new()
    {
        Id = "rework-bundle",
        Name = "退回测试",
        TimeLimit = TimeLimit.OfWorkingDays(30),
        MaxExtensionWorkingDays = 10,
        Fields = new Dictionary<string, FieldType>(),
        Steps =
        [
            new IntakeStepDefinition { Id = "intake", Name = "受理" },
            new SequenceStepDefinition
            {
                Id = "stage-permit", Name = "施工许可",
                Steps = [Task("design", "natural-resources", 5), Task("permit", "housing-construction", 3, "design")],
            },
            new SequenceStepDefinition
            {
                Id = "stage-completion", Name = "竣工验收",
                Steps =
                [
                    new ParallelStepDefinition
                    {
                        Id = "joint-acceptance", Name = "联合验收", Join = join ?? JoinRule.All,
                        Branches = [Task("fire", "fire-rescue", 5, "stage-permit"), Task("archive", "housing-construction", 5)],
                    },
                    Task("filing", "housing-construction", 2, "joint-acceptance", "permit"),
                ],
            },
            new DeliveryStepDefinition { Id = "deliver", Name = "统一出件", SendBack = ["stage-completion"] },
        ],
    };

    /// <summary>A case on <see cref="Construction"/> with both permit-stage tasks approved: the joint acceptance is open.</summary>
    public static CaseDriver AtAcceptance(JoinRule? join = null)
    {
        var driver = new CaseDriver(Construction(join)).Start();
        Assert.That(driver.Approve("design").Refusal, Is.Null);
        Assert.That(driver.Approve("permit").Refusal, Is.Null);
        return driver;
    }
}
