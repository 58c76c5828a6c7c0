namespace Approval.Cli.Analysis.Diff;

/// <summary>What happened to one thing between two versions of a definition.</summary>
internal enum ChangeKind
{
    Added,
    Removed,
    Changed,
    Moved,
}

/// <summary>
/// One difference between two definition versions. <see cref="Subject"/> names the thing by its
/// stable id (<c>step food-permit</c>, <c>field seats</c>, <c>material lease</c>, <c>definition</c>);
/// <see cref="Property"/> is the changed property for <see cref="ChangeKind.Changed"/> and
/// <see cref="ChangeKind.Moved"/>; <see cref="Before"/>/<see cref="After"/> are display values.
/// </summary>
internal sealed record DefinitionChange(ChangeKind Kind, string Subject, string? Property = null, string? Before = null, string? After = null)
{
    public override string ToString() => Kind switch
    {
        ChangeKind.Added => $"+ {Subject}{(After is null ? "" : $": {After}")}",
        ChangeKind.Removed => $"- {Subject}{(Before is null ? "" : $": {Before}")}",
        ChangeKind.Moved => $"> {Subject} moved ({Property}): {Before} → {After}",
        _ => $"~ {Subject} {Property}: {Before ?? "(none)"} → {After ?? "(none)"}",
    };
}
