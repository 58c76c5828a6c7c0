namespace Approval.Supervision.Sweep;

/// <summary>One deadline whose next alert point has passed: a task's (<see cref="TaskId"/> set) or the case's own.</summary>
public sealed record DueDeadline(Guid CaseId, Guid? TaskId, int DueVersion, DateTime NextAlertAt);

/// <summary>What one sweep did.</summary>
/// <param name="Issued">Deadlines on which this sweep recorded cards or a silent approval.</param>
/// <param name="AlreadyDone">Deadlines another sweeper (thread, process, node) had already handled: normal.</param>
/// <param name="Failed">Deadlines that threw; they stay due and are tried again on the next sweep.</param>
public sealed record SweepResult(int Issued, int AlreadyDone, int Failed);
