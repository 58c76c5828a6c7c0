using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary><see cref="SuperviseDeadlines"/>: the single-deadline rule applied to each deadline in turn.</summary>
internal static class SupervisionBatchRules
{
    public static Decision SuperviseAll(CaseState state, SuperviseDeadlines command, DecisionContext context)
    {
        var events = new List<CaseEvent>();
        var current = state;
        Refusal? last = null;
        foreach (var deadline in command.Deadlines)
        {
            var decision = SupervisionRules.Supervise(current, deadline, context);
            if (!decision.IsAccepted)
            {
                // Only the actor can make every deadline refused the same way; the rest is per deadline.
                if (decision.Refusal!.Code == RefusalCodes.SystemOnly)
                {
                    return decision;
                }

                last = decision.Refusal;
                continue;
            }

            events.AddRange(decision.Events);
            current = decision.State;
        }

        return events.Count > 0
            ? Decision.Accept(events, current)
            : last ?? Refusal.Conflict(RefusalCodes.NothingDue, "No deadline was given.");
    }
}
