using System.Runtime.CompilerServices;
using Approval.Definitions.Model;

namespace Approval.Engine.Cases;

/// <summary>Finds a definition's steps by id; built once per definition instance and shared (thread safe).</summary>
public static class DefinitionIndex
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, Dictionary<string, StepDefinition>> Indexes = new();

    public static StepDefinition? FindStep(this WorkflowDefinition definition, string stepId) =>
        Indexes.GetValue(definition, Build).GetValueOrDefault(stepId);

    private static Dictionary<string, StepDefinition> Build(WorkflowDefinition definition)
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
