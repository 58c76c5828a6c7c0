using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Workflows;

namespace Approval.Persistence.Cases;

/// <summary>
/// Stages extra rows for the events of an accepted command into the same <see cref="ApprovalDbContext"/>
/// (and so the same transaction) as the events themselves: card rows, outbox messages. If the
/// command's write fails, nothing a sink staged is written either — no lost or phantom alert.
/// </summary>
/// <remarks>Implementations are singletons called concurrently; they must not keep per-call state.</remarks>
public interface ICaseEventSink
{
    /// <param name="before">The case as it was read for the command (not started, for intake).</param>
    void Stage(ApprovalDbContext db, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events);
}
