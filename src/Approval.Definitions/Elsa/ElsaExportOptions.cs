namespace Approval.Definitions.Elsa;

/// <summary>What an export says about the version it comes from; both are optional so CLI exports are reproducible.</summary>
public sealed record ElsaExportOptions
{
    /// <summary>The published version number written as Elsa's <c>version</c> (1 for a file not yet published).</summary>
    public int Version { get; init; } = 1;

    /// <summary>Elsa's <c>createdAt</c>: when the version was published; left out when null.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
