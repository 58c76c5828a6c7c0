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
/// <remarks>
/// Every command moves some counter, so this is the one sink with rows on every commit. The group
/// commits (SQLite, PostgreSQL) therefore do not stage them through EF: they sum the
/// <see cref="ChangesFor"/> of a group's writes and insert one row per counter with a prepared
/// statement (<see cref="SqliteCounterStatement"/>, <see cref="PostgresCounterStatement"/>).
/// <see cref="Stage"/> is the path of every other provider.
/// </remarks>
public sealed class CounterSink(WorkingCalendar calendar) : ICaseEventSink
{
    /// <summary>The counter changes of one command's events.</summary>
    public CounterChanges ChangesFor(CaseState before, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events) =>
        CounterRules.For(before, events, workflow.Definition, calendar);

    public void Stage(ApprovalDbContext db, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events)
    {
        foreach (var (key, amount) in ChangesFor(before, workflow, events).NonZero)
        {
            db.Add(new CounterDeltaRow { Day = key.Day, Department = key.Department, Counter = key.Counter, Amount = amount });
        }
    }
}
