using System.Runtime.CompilerServices;
using Approval.Definitions.Model;

namespace Approval.Engine.Cases;

/// <summary>Finds a definition's steps by id; built once per definition instance and shared (thread safe).</summary>
public static class DefinitionIndex
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, Dictionary<string, StepDefinition>> Indexes = new();

    public static StepDefinition? FindStep(this WorkflowDefinition definition, string stepId) =>
        Indexes.GetValue(definition, Build).GetValueOrDefault(stepId);

    // Step ids are unique in a published definition (the loader refuses duplicates).
    private static Dictionary<string, StepDefinition> Build(WorkflowDefinition definition) =>
        definition.AllSteps().ToDictionary(s => s.Id, StringComparer.Ordinal);
}
