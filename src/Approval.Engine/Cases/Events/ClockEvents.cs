using Approval.Calendar;

namespace Approval.Engine.Cases.Events;

/// <summary>
/// A due instant moved: a stopped clock resumed (补正 / 特别程序) or a supervisor extended the
/// limit (延期). <paramref name="TaskId"/> is null for the case's own promised limit. Cards
/// already issued for the old deadline stay in the history; the new <paramref name="DueVersion"/>
/// gets cards of its own. The operation that moved it (a stop from <paramref name="StoppedAt"/> to
/// <paramref name="ResumedAt"/>, or <paramref name="ExtendedWorkingDays"/>) is kept so the deadline
/// can be replayed on a newer calendar (a provisional year that got its data file).
/// </summary>
public sealed record DeadlineMoved(
    Guid? TaskId,
    Deadline Due,
    int DueVersion,
    string Reason,
    DateTimeOffset? StoppedAt = null,
    DateTimeOffset? ResumedAt = null,
    int? ExtendedWorkingDays = null) : CaseEvent;

/// <summary>A department returned the task for supplement (补正), listing everything missing at once (一次性告知); its clock stops.</summary>
public sealed record SupplementRequested(Guid TaskId, IReadOnlyList<string> Missing, string? Note, int Round) : CaseEvent;

/// <summary>The applicant supplied what was missing, at the window (a visit) or online.</summary>
public sealed record SupplementReceived(Guid TaskId, string Channel) : CaseEvent;

/// <summary>A special procedure (特别程序: hearing, expert review, inspection, testing) stops the task's clock.</summary>
public sealed record TaskSuspended(Guid TaskId, string Kind, string Reason) : CaseEvent;

/// <summary>The special procedure ended; the clock runs again.</summary>
public sealed record TaskResumed(Guid TaskId) : CaseEvent;

/// <summary>A supervisor extended the task (延期) by working days, with a reason.</summary>
public sealed record TaskExtended(Guid TaskId, int WorkingDays, string Reason) : CaseEvent;

/// <summary>A supervisor allowed one more supplement round than the definition grants.</summary>
public sealed record SupplementRoundAllowed(Guid TaskId) : CaseEvent;

/// <summary>A supervisor extended the case's promised limit (延期) by working days, with a reason.</summary>
public sealed record CaseExtended(int WorkingDays, string Reason) : CaseEvent;
