namespace Approval.Definitions.Model;

/// <summary>
/// Exclusive choice on the case's form data: the first branch whose condition holds runs; a
/// branch without a condition is the otherwise branch. No branch matching skips the step.
/// </summary>
public sealed record DecisionStepDefinition : StepDefinition
{
    /// <summary>Each branch is a <see cref="SequenceStepDefinition"/> whose <see cref="StepDefinition.When"/> guards it.</summary>
    public required IReadOnlyList<SequenceStepDefinition> Branches { get; init; }

    public override IEnumerable<StepDefinition> Children => Branches;
}
