using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Rows;
using Approval.Persistence.Workflows;

namespace Approval.Persistence.Cases;

/// <summary>
/// Told about an accepted command after its write has committed: the place to start work that must
/// not run for a write that failed and cannot join the write's transaction (a Hangfire timer).
/// </summary>
/// <remarks>
/// Called on the command's thread, after the commit and before the caller is answered, so it must be
/// quick and must not throw (a failure is logged and swallowed: the commit stands). Nothing guarantees
/// it runs — the process may die right after the commit — so whatever it starts must also be found
/// again from the committed rows. Singletons called concurrently.
/// </remarks>
public interface ICaseCommitObserver
{
    void Committed(CommittedCase commit);
}

/// <summary>One committed command: the state before and after, its events, and the case and task rows it wrote.</summary>
/// <param name="Tasks">The rows of the tasks the events touched (others did not change).</param>
public sealed record CommittedCase(
    CaseState Before,
    CaseState After,
    IReadOnlyList<CaseEvent> Events,
    PublishedWorkflow Workflow,
    CaseRow Case,
    IReadOnlyList<TaskRow> Tasks);
