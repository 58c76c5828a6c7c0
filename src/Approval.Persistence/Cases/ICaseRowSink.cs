using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Workflows;

namespace Approval.Persistence.Cases;

/// <summary>
/// A sink whose rows are only cards and outbox messages: instead of staging them in EF, it collects
/// them in a <see cref="SinkRows"/>, which the group commits write with prepared statements in the
/// write's own transaction (EF's change tracking and SQL generation cost more than the writes).
/// The paths that save through EF stage exactly the rows <see cref="Collect"/> gives (the
/// interface's own <see cref="ICaseEventSink.Stage"/>), so the two can never differ.
/// </summary>
/// <remarks>Implementations are singletons called concurrently; they must not keep per-call state.</remarks>
public interface ICaseRowSink : ICaseEventSink
{
    /// <summary>Adds the rows for these events to <paramref name="rows"/>.</summary>
    /// <param name="before">The case as it was read for the command (not started, for intake).</param>
    void Collect(SinkRows rows, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events);

    void ICaseEventSink.Stage(ApprovalDbContext db, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events)
    {
        var rows = new SinkRows();
        Collect(rows, before, after, workflow, events);
        rows.AddTo(db);
    }
}
