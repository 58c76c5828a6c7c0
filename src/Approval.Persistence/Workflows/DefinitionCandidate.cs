using Approval.Definitions.Model;

namespace Approval.Persistence.Workflows;

/// <summary>A validated definition offered for publishing, with its canonical text and the hash of it.</summary>
public sealed record DefinitionCandidate(WorkflowDefinition Definition, string CanonicalJson, string ContentHash, string? SourceFile);

/// <summary>
/// The version a publish landed on. <see cref="Created"/> is false when the content is already the
/// latest version (or, for <see cref="PublishMode.KeepKnownContent"/>, any version).
/// <see cref="RestoredFrom"/> names the older version whose content a new version brings back (a rollback).
/// <see cref="Latest"/> is the workflow's latest version after the publish.
/// </summary>
public sealed record PublishResult(PublishedWorkflow Workflow, bool Created, int? RestoredFrom = null, int? Latest = null);

/// <summary>What publishing content that an older version already has means.</summary>
public enum PublishMode
{
    /// <summary>
    /// An analyst's publish (API, CLI): content equal to the latest version changes nothing; content
    /// equal to an older version becomes a new latest version with that content — a rollback that
    /// keeps every version and every case on it.
    /// </summary>
    RestoreOlderContent,

    /// <summary>
    /// Start-up publishing of <c>workflows/</c>: content any version already has changes nothing, so
    /// restarting a node never undoes a rollback made through the API.
    /// </summary>
    KeepKnownContent,
}
