namespace Approval.Definitions.Model;

/// <summary>Why a send-back (退回) target does not fit its step; <see cref="Fits"/> when it does.</summary>
public enum SendBackFit
{
    Fits,

    /// <summary>No step of the definition has the target's id.</summary>
    UnknownTarget,

    /// <summary>The target is an intake or delivery step, which no send back reopens.</summary>
    TargetKind,

    /// <summary>The target is the step itself, encloses it, lies inside it, or comes after it.</summary>
    NotEarlier,

    /// <summary>Target and step sit in different branches of one parallel or decision block.</summary>
    AcrossBranches,

    /// <summary>The target lies inside an earlier parallel or decision block, so it is not on every path (send back to the block).</summary>
    IntoBlock,
}

/// <summary>
/// What a send back (退回) from one step to an earlier one reopens. The target must come before the
/// step on every path: an earlier member of a sequence that encloses the step (the root included),
/// or a step reached from such a member through sequences only. The range is every step from the
/// target to the member that holds the step, with everything nested in them:
/// what was done there is void and the flow runs it again.
/// </summary>
/// <remarks>Pure; the validator and the engine use the same answer.</remarks>
public static class SendBackRange
{
    /// <summary>How <paramref name="toStepId"/> fits as a send-back target of <paramref name="fromStepId"/>.</summary>
    public static SendBackFit Check(WorkflowDefinition definition, string fromStepId, string toStepId) =>
        Find(definition, fromStepId, toStepId, out _);

    /// <summary>The steps a send back reopens, or null when the target does not fit.</summary>
    public static IReadOnlyList<StepDefinition>? Reopened(WorkflowDefinition definition, string fromStepId, string toStepId) =>
        Find(definition, fromStepId, toStepId, out var range) == SendBackFit.Fits ? range : null;

    private static SendBackFit Find(WorkflowDefinition definition, string fromStepId, string toStepId, out IReadOnlyList<StepDefinition> range)
    {
        range = [];
        var to = definition.PathTo(toStepId);
        if (to is null)
        {
            return SendBackFit.UnknownTarget;
        }

        if (to[^1] is IntakeStepDefinition or DeliveryStepDefinition)
        {
            return SendBackFit.TargetKind;
        }

        var from = definition.PathTo(fromStepId) ?? throw new ArgumentException($"No step '{fromStepId}'.", nameof(fromStepId));
        var common = 0;
        while (common < from.Count && common < to.Count && ReferenceEquals(from[common], to[common]))
        {
            common++;
        }

        if (common == from.Count || common == to.Count)
        {
            return SendBackFit.NotEarlier; // one encloses the other, or they are the same step
        }

        var parent = common == 0 ? null : from[common - 1];
        if (parent is ParallelStepDefinition or DecisionStepDefinition)
        {
            return SendBackFit.AcrossBranches;
        }

        var siblings = common == 0 ? definition.Steps : ((SequenceStepDefinition)parent!).Steps;
        var toIndex = IndexOf(siblings, to[common]);
        var fromIndex = IndexOf(siblings, from[common]);
        if (toIndex > fromIndex)
        {
            return SendBackFit.NotEarlier;
        }

        // Below the shared sequence the target must be reached through sequences only, or some
        // path (a decision's other branch) or a decided join (a parallel's branch) leaves it out.
        for (var k = common; k < to.Count - 1; k++)
        {
            if (to[k] is not SequenceStepDefinition)
            {
                return SendBackFit.IntoBlock;
            }
        }

        var reopened = new List<StepDefinition>();
        void Subtree(StepDefinition step) => reopened.AddRange(StepWalk.All([step]));
        Subtree(to[^1]);
        for (var k = to.Count - 1; k > common; k--)
        {
            var enclosing = (SequenceStepDefinition)to[k - 1];
            foreach (var later in enclosing.Steps.Skip(IndexOf(enclosing.Steps, to[k]) + 1))
            {
                Subtree(later);
            }

            reopened.Add(enclosing); // its outcome derives from its steps; listed so nothing recorded on it survives
        }

        foreach (var between in siblings.Skip(toIndex + 1).Take(fromIndex - toIndex))
        {
            Subtree(between);
        }

        range = [.. reopened.DistinctBy(s => s.Id)];
        return SendBackFit.Fits;
    }

    private static int IndexOf(IReadOnlyList<StepDefinition> steps, StepDefinition step)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (ReferenceEquals(steps[i], step))
            {
                return i;
            }
        }

        return -1;
    }
}
