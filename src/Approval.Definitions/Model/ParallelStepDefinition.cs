namespace Approval.Definitions.Model;

/// <summary>
/// Parallel joint approval (并联审批): every branch starts at once; the block completes when its
/// <see cref="Join"/> rule is met and cancels the branches still open.
/// </summary>
public sealed record ParallelStepDefinition : StepDefinition
{
    public required JoinRule Join { get; init; }

    /// <summary>Each branch is a single step or a <see cref="SequenceStepDefinition"/>.</summary>
    public required IReadOnlyList<StepDefinition> Branches { get; init; }

    public override IEnumerable<StepDefinition> Children => Branches;
}
