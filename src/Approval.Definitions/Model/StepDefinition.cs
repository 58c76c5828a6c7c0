namespace Approval.Definitions.Model;

/// <summary>
/// One node of the block-structured flow. Every step has a stable <see cref="Id"/>, unique in its
/// definition, so audit records and statistics survive new versions.
/// </summary>
public abstract record StepDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The JSON path of the step in its file, for messages that point at it.</summary>
    public string Path { get; init; } = "$";

    /// <summary>When set, the step runs only if the condition holds on the case's form data; otherwise it is skipped.</summary>
    public Condition? When { get; init; }

    /// <summary>
    /// The earlier steps a clerk may send the case back to (退回) from this one; read on task and
    /// delivery steps, empty elsewhere. <see cref="SendBackRange"/> says what each target reopens.
    /// </summary>
    public IReadOnlyList<string> SendBack { get; init; } = [];

    /// <summary>The steps directly nested in this one, in order.</summary>
    public virtual IEnumerable<StepDefinition> Children => [];
}
