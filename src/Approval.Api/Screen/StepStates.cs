using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Persistence.Statistics;

namespace Approval.Api.Screen;

/// <summary>Each step's state on a case, as the coloured diagram shows it (<c>done</c>, <c>active</c>, <c>yellow</c>, <c>red</c>, …).</summary>
internal static class StepStates
{
    public static Dictionary<string, string> Of(CaseState state, WorkflowDefinition definition)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(definition.Steps);
        return states;

        void Walk(IEnumerable<StepDefinition> steps)
        {
            foreach (var step in steps)
            {
                var outcome = state.OutcomeOf(step.Id);
                string? name = outcome switch
                {
                    StepOutcome.Approved => "done",
                    StepOutcome.Rejected => "rejected",
                    StepOutcome.Skipped => "skipped",
                    StepOutcome.Cancelled => "cancelled",
                    StepOutcome.Running => state.FindTaskOfStep(step.Id) is { } task ? Running(task) : "active",
                    _ => null,
                };
                if (name is null && step is DeliveryStepDefinition && state.Status == CaseStatus.AwaitingDelivery)
                {
                    name = "active";
                }
                else if (name is null && step is IntakeStepDefinition or DeliveryStepDefinition && state.Status == CaseStatus.Completed)
                {
                    name = "done";
                }

                if (name is not null)
                {
                    states[step.Id] = name;
                }

                Walk(step.Children);
            }
        }
    }

    private static string Running(TaskState task) => CounterRules.ColourOf(task) switch
    {
        CardLevels.Red => "red",
        CardLevels.Yellow => "yellow",
        _ => "active",
    };
}
