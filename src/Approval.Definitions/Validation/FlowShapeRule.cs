using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Validation;

/// <summary>
/// APV027/APV028: a case starts with intake (受理) and ends with unified delivery (统一出件), so the
/// first top-level step is the one intake and the last the one delivery; neither may be nested
/// (a nested one could be skipped or run twice).
/// </summary>
internal static class FlowShapeRule
{
    public static void Check(WorkflowDefinition definition, Diagnostics diagnostics)
    {
        var top = definition.Steps;
        if (top.Count == 0)
        {
            return; // APV025 already says the definition has no steps
        }

        if (top[0] is not IntakeStepDefinition)
        {
            diagnostics.Add(ErrorCodes.IntakePlacement, top[0].Path,
                $"The first step must be an intake step (\"type\": \"intake\"), but '{top[0].Id}' is {Wording.A(Kind(top[0]))} step.");
        }

        if (top[^1] is not DeliveryStepDefinition)
        {
            diagnostics.Add(ErrorCodes.DeliveryPlacement, top[^1].Path,
                $"The last step must be a delivery step (\"type\": \"delivery\"), but '{top[^1].Id}' is {Wording.A(Kind(top[^1]))} step.");
        }

        foreach (var step in StepWalk.All(top))
        {
            var isFirst = ReferenceEquals(step, top[0]);
            var isLast = ReferenceEquals(step, top[^1]);
            if (step is IntakeStepDefinition && !isFirst)
            {
                diagnostics.Add(ErrorCodes.IntakePlacement, step.Path, $"Intake step '{step.Id}' must be the first top-level step, and there is only one.");
            }

            if (step is DeliveryStepDefinition && !isLast)
            {
                diagnostics.Add(ErrorCodes.DeliveryPlacement, step.Path, $"Delivery step '{step.Id}' must be the last top-level step, and there is only one.");
            }
        }
    }

    private static string Kind(StepDefinition step) => step switch
    {
        TaskStepDefinition => "task",
        ParallelStepDefinition => "parallel",
        SequenceStepDefinition => "sequence",
        DecisionStepDefinition => "decision",
        DeliveryStepDefinition => "delivery",
        _ => "intake",
    };
}
