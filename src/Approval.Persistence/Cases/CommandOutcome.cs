using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;

namespace Approval.Persistence.Cases;

/// <summary>What became of a command: the case after it and the events it recorded, or the refusal (nothing written).</summary>
public sealed record CommandOutcome(CaseState? State, IReadOnlyList<CaseEvent> Events, Refusal? Refusal)
{
    public bool IsAccepted => Refusal is null;

    public static CommandOutcome Refused(Refusal refusal) => new(null, [], refusal);
}
