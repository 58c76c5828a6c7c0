using Approval.Definitions.Model;

namespace Approval.Definitions.Validation;

/// <summary>Depth-first, document-order enumeration of a step tree.</summary>
internal static class StepWalk
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
}
