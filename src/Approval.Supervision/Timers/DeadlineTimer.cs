namespace Approval.Supervision.Timers;

/// <summary>One deadline's next alert point: a task's (<see cref="TaskId"/> set) or the case's own limit, at one due version.</summary>
public sealed record DeadlineTimer(Guid CaseId, Guid? TaskId, int DueVersion, DateTimeOffset At);

/// <summary>What one firing of a deadline timer did.</summary>
public enum TimerOutcome
{
    /// <summary>Cards (or an approval by silence) were recorded.</summary>
    Issued,

    /// <summary>Nothing was due any more: another timer, node or the safety net had done it.</summary>
    NothingDue,

    /// <summary>The deadline is gone or has a newer version or a later instant; whoever moved it scheduled its own timer.</summary>
    Stale,

    /// <summary>Supervision failed; the deadline stays due and the safety net retries it.</summary>
    Failed,

    /// <summary>
    /// Due, and left to a shared sweep run another timer of the same burst leads: that run supervises
    /// every deadline due when it starts, this one included.
    /// </summary>
    Joined,
}
