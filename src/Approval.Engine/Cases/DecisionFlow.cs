using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>One decision's working state: the case with the events decided so far folded in.</summary>
internal sealed class DecisionFlow
{
    private readonly List<CaseEvent> _events = [];
    private readonly FlowAdvancer _advancer;

    public DecisionFlow(CaseState state, DecisionContext context) => _advancer = new FlowAdvancer(state, context, _events);

    /// <summary>The case as decided so far, events included.</summary>
    public CaseState State => _advancer.State;

    public DecisionFlow Then(CaseEvent e)
    {
        _advancer.Emit(e);
        return this;
    }

    public Decision Advanced()
    {
        _advancer.Advance();
        return this;
    }

    public static implicit operator Decision(DecisionFlow flow) => Decision.Accept(flow._events, flow.State);
}
