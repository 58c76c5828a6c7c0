namespace Approval.Definitions.Model;

/// <summary>Depth-first, document-order enumeration of a step tree; decision branches included (they are steps with ids too).</summary>
public static class StepWalk
{
    public static IEnumerable<StepDefinition> All(IEnumerable<StepDefinition> steps)
    {
        foreach (var step in steps)
        {
            yield return step;
            foreach (var nested in All(step.Children))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Every step of the definition, depth first in document order.</summary>
    public static IEnumerable<StepDefinition> AllSteps(this WorkflowDefinition definition) => All(definition.Steps);
}
