namespace Approval.Engine.Cases.Events;

/// <summary>
/// Someone urged an open task (催办): a supervisor, or the window on the applicant's behalf. The
/// department hears of it through the outbox (an <c>urging</c> alert); the task's due does not move.
/// </summary>
/// <param name="Note">What the urger said, if anything.</param>
/// <param name="Insisted">A supervisor urged again on a working day the task was already urged.</param>
public sealed record TaskUrged(Guid TaskId, string? Note, bool Insisted) : CaseEvent;
