namespace Approval.Persistence.Rows;

/// <summary>
/// An immutable published version of a workflow definition. Identical content (same
/// <see cref="ContentHash"/>) is never published twice.
/// </summary>
public sealed class WorkflowVersionRow
{
    public string WorkflowId { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string Definition { get; set; } = "";
    public string? SourceFile { get; set; }
    public DateTime PublishedAt { get; set; }
}
