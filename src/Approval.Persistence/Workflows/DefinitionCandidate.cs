using Approval.Definitions.Model;

namespace Approval.Persistence.Workflows;

/// <summary>A validated definition offered for publishing, with its canonical text and the hash of it.</summary>
public sealed record DefinitionCandidate(WorkflowDefinition Definition, string CanonicalJson, string ContentHash, string? SourceFile);

/// <summary>The version a publish landed on; <see cref="Created"/> is false when identical content was already published.</summary>
public sealed record PublishResult(PublishedWorkflow Workflow, bool Created);
