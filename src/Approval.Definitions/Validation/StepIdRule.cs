using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Validation;

/// <summary>APV020: step ids are unique across the whole tree, because audit records and statistics key on them.</summary>
internal static class StepIdRule
{
    public static void Check(WorkflowDefinition definition, Diagnostics diagnostics)
    {
        var first = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        foreach (var step in StepWalk.All(definition.Steps))
        {
            if (step.Id.Length == 0)
            {
                continue; // already reported as missing or malformed
            }

            if (first.TryGetValue(step.Id, out var original))
            {
                var (line, _) = diagnostics.Map.Locate(JsonPaths.Property(original.Path, "id"));
                diagnostics.Add(ErrorCodes.DuplicateStepId, JsonPaths.Property(step.Path, "id"),
                    $"Step id '{step.Id}' is already used by the step at line {line} ({original.Path}); step ids must be unique in a definition.");
            }
            else
            {
                first[step.Id] = step;
            }
        }
    }
}
