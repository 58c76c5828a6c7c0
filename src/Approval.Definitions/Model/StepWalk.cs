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

    /// <summary>The steps from the top level down to <paramref name="stepId"/> (itself last), or null when no step has that id.</summary>
    public static IReadOnlyList<StepDefinition>? PathTo(this WorkflowDefinition definition, string stepId) => PathTo(definition.Steps, stepId);

    private static List<StepDefinition>? PathTo(IEnumerable<StepDefinition> steps, string stepId)
    {
        foreach (var step in steps)
        {
            if (string.Equals(step.Id, stepId, StringComparison.Ordinal))
            {
                return [step];
            }

            if (PathTo(step.Children, stepId) is { } below)
            {
                below.Insert(0, step);
                return below;
            }
        }

        return null;
    }
}
