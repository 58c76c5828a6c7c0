using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>What the decider said to a command: the events to record and the state they lead to, or why not.</summary>
public sealed class Decision
{
    private readonly CaseState? _state;

    private Decision(IReadOnlyList<CaseEvent> events, Refusal? refusal, CaseState? state)
    {
        Events = events;
        Refusal = refusal;
        _state = state;
    }

    public IReadOnlyList<CaseEvent> Events { get; }
    public Refusal? Refusal { get; }
    public bool IsAccepted => Refusal is null;

    /// <summary>
    /// The case after <see cref="Events"/>: the fold the decider already made while deciding, so
    /// nobody folds them again. A refusal leads to the state it was given, unchanged.
    /// </summary>
    public CaseState State => _state ?? throw new InvalidOperationException("A decision's state is set by CaseDecider.Decide.");

    internal static Decision Accept(IReadOnlyList<CaseEvent> events, CaseState state) => new(events, null, state);

    internal static Decision Refuse(Refusal refusal, CaseState? state = null) => new([], refusal, state);

    /// <summary>The refusal, now leading back to the state it was decided on.</summary>
    internal Decision On(CaseState state) => _state is null ? new(Events, Refusal, state) : this;

    public static implicit operator Decision(Refusal refusal) => Refuse(refusal);
}
