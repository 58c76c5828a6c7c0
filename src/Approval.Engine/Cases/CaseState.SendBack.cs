using System.Collections.Immutable;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>The fold of a send back (退回): the reopened steps forget their outcomes and start a new round.</summary>
public sealed partial record CaseState
{
    private ImmutableDictionary<string, int> _rounds = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);

    /// <summary>The step's current round: 1, one more each time a send back reopened it.</summary>
    public int RoundOf(string stepId) => _rounds.GetValueOrDefault(stepId, 1);

    private CaseState Apply(CaseSentBack e)
    {
        var steps = _steps;
        var choices = _choices;
        var rounds = _rounds;
        foreach (var stepId in e.ReopenedSteps)
        {
            steps = steps.Remove(stepId);
            choices = choices.Remove(stepId);
            rounds = rounds.SetItem(stepId, rounds.GetValueOrDefault(stepId, 1) + 1);
        }

        // Sent back from delivery, the case no longer waits at the window.
        return this with { _steps = steps, _choices = choices, _rounds = rounds, Status = CaseStatus.Running };
    }
}
