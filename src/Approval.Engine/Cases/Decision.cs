using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>What the decider said to a command: the events to record, or why not.</summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<CaseEvent> events, Refusal? refusal)
    {
        Events = events;
        Refusal = refusal;
    }

    public IReadOnlyList<CaseEvent> Events { get; }
    public Refusal? Refusal { get; }
    public bool IsAccepted => Refusal is null;

    public static Decision Accept(IReadOnlyList<CaseEvent> events) => new(events, null);

    public static Decision Refuse(Refusal refusal) => new([], refusal);

    public static implicit operator Decision(Refusal refusal) => Refuse(refusal);
}
