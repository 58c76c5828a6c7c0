using Approval.Definitions.Model;
using Approval.Engine.Cases;

namespace Approval.Persistence.Workflows;

/// <summary>An immutable published version of a definition; cases started on it stay on it.</summary>
/// <remarks>Immutable and thread safe.</remarks>
public sealed record PublishedWorkflow(string Id, int Version, string Name, string ContentHash, DateTimeOffset PublishedAt, string? SourceFile, WorkflowDefinition Definition)
{
    /// <summary>A step of this version by its id, or null.</summary>
    public StepDefinition? FindStep(string stepId) => Definition.FindStep(stepId);
}
