using Approval.Definitions.Model;

namespace Approval.Persistence.Workflows;

/// <summary>An immutable published version of a definition; cases started on it stay on it.</summary>
/// <remarks>Immutable and thread safe.</remarks>
public sealed record PublishedWorkflow(string Id, int Version, string Name, string ContentHash, DateTimeOffset PublishedAt, string? SourceFile, WorkflowDefinition Definition)
{
    private readonly Lazy<Dictionary<string, StepDefinition>> _steps = new(() => Index(Definition));

    /// <summary>A step of this version by its id, or null.</summary>
    public StepDefinition? FindStep(string stepId) => _steps.Value.GetValueOrDefault(stepId);

    private static Dictionary<string, StepDefinition> Index(WorkflowDefinition definition)
    {
        var steps = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        var pending = new Stack<StepDefinition>(definition.Steps);
        while (pending.TryPop(out var step))
        {
            steps.TryAdd(step.Id, step);
            foreach (var child in step.Children)
            {
                pending.Push(child);
            }
        }

        return steps;
    }
}
