namespace Approval.Definitions.Model;

/// <summary>Steps run one after another; used as a branch of a parallel block or a decision.</summary>
public sealed record SequenceStepDefinition : StepDefinition
{
    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    public override IEnumerable<StepDefinition> Children => Steps;
}
