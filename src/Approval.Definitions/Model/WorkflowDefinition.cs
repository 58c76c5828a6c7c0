using Approval.Calendar;

namespace Approval.Definitions.Model;

/// <summary>
/// One 一件事 as an analyst wrote it: the bundle's identity, the case's promised limit, the form
/// fields and materials intake collects, and the block-structured <see cref="Steps"/>.
/// </summary>
/// <remarks>
/// Produced only by the definition loader after validation, so every invariant the validator
/// checks (unique step ids, known departments, well-typed conditions) holds. Immutable and
/// thread safe; one instance is shared by every case running on its version.
/// </remarks>
public sealed record WorkflowDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>The case's promised limit (承诺时限); null when the bundle promises none.</summary>
    public TimeLimit? TimeLimit { get; init; }

    /// <summary>The bundle-wide warning policy; tasks may override it.</summary>
    public WarningPolicy Warning { get; init; } = WarningPolicy.Default;

    /// <summary>The most working days a supervisor may add to the case by extension (延期).</summary>
    public int MaxExtensionWorkingDays { get; init; }

    public IReadOnlyDictionary<string, FieldType> Fields { get; init; } = new Dictionary<string, FieldType>();
    public IReadOnlyList<MaterialDefinition> Materials { get; init; } = [];
    public required IReadOnlyList<StepDefinition> Steps { get; init; }
}
