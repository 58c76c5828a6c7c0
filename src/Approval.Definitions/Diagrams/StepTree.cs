using Approval.Calendar;
using Approval.Definitions.Model;

namespace Approval.Definitions.Diagrams;

/// <summary>Walks and describes a definition's step tree the same way in every analyst command.</summary>
public static class StepTree
{
    /// <summary>The step's type as written in the definition language (task, parallel, …).</summary>
    public static string Kind(StepDefinition step) => step switch
    {
        TaskStepDefinition => "task",
        ParallelStepDefinition => "parallel",
        SequenceStepDefinition => "sequence",
        DecisionStepDefinition => "decision",
        IntakeStepDefinition => "intake",
        DeliveryStepDefinition => "delivery",
        _ => step.GetType().Name,
    };

    /// <summary>A limit as an analyst writes it in prose: "3 wd" or "4 h".</summary>
    public static string Short(TimeLimit limit) => limit.IsWorkingDays ? $"{limit.Amount} wd" : $"{limit.Amount} h";

    /// <summary>A join rule with its Chinese name: all (会签), any (或签), quorum n.</summary>
    public static string Describe(JoinRule join) => join.Kind switch
    {
        JoinKind.All => "all (会签)",
        JoinKind.Any => "any (或签)",
        _ => $"quorum {join.Quorum}",
    };

    /// <summary>A warning policy in one line, e.g. "yellow 1 wd before; escalate every 1 wd, max 3".</summary>
    public static string Describe(WarningPolicy policy)
    {
        var yellow = $"yellow {Short(policy.YellowBefore)} before";
        var escalation = policy.EscalateEveryWorkingDays == 0 ? "no escalation" : $"escalate every {policy.EscalateEveryWorkingDays} wd";
        return policy.MaxEscalations is { } max ? $"{yellow}; {escalation}, max {max}" : $"{yellow}; {escalation}";
    }
}
