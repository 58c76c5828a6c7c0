using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Cases;
using Approval.Persistence.Workflows;

namespace Approval.Persistence.Statistics;

/// <summary>
/// Appends the counter changes of an accepted command (<see cref="CounterRules"/>) as
/// <see cref="CounterDeltaRow"/>s in the command's own transaction: the figures move with the
/// commit or not at all. Singleton, stateless, thread safe.
/// </summary>
public sealed class CounterSink(WorkingCalendar calendar) : ICaseEventSink
{
    public void Stage(ApprovalDbContext db, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events)
    {
        foreach (var (key, amount) in CounterRules.For(before, events, workflow.Definition, calendar).NonZero)
        {
            db.Add(new CounterDeltaRow { Day = key.Day, Department = key.Department, Counter = key.Counter, Amount = amount });
        }
    }
}
