namespace Approval.Engine.Cases.Commands;

/// <summary>Return the task for supplement (补正), listing everything missing at once (一次性告知). Stops the clock.</summary>
public sealed record ReturnForSupplement(Guid TaskId, IReadOnlyList<string> Missing, string? Note) : CaseCommand;

/// <summary>The applicant supplied what was missing; <paramref name="Channel"/> is <c>window</c> (a visit) or <c>online</c>.</summary>
public sealed record ReceiveSupplement(Guid TaskId, string Channel) : CaseCommand;

/// <summary>Start a special procedure (特别程序) that stops the task's clock.</summary>
public sealed record SuspendTask(Guid TaskId, string Kind, string Reason) : CaseCommand;

/// <summary>End the special procedure; the clock runs again from where it stopped.</summary>
public sealed record ResumeTask(Guid TaskId) : CaseCommand;

/// <summary>A supervisor extends a task's limit (延期) by working days, within the definition's maximum.</summary>
public sealed record ExtendTask(Guid TaskId, int WorkingDays, string Reason) : CaseCommand;

/// <summary>A supervisor extends the case's promised limit by working days, within the definition's maximum.</summary>
public sealed record ExtendCase(int WorkingDays, string Reason) : CaseCommand;

/// <summary>A supervisor lets a task request one more supplement round than the definition grants.</summary>
public sealed record AllowSupplementRound(Guid TaskId) : CaseCommand;

/// <summary>
/// The system recomputes the case's provisional deadlines (those reaching into a year that had no
/// calendar file) on the calendar it has now; each one that changes moves with a new due version.
/// </summary>
public sealed record RecomputeDeadlines : CaseCommand;
