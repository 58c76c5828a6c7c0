namespace Approval.Engine.Cases.Events;

/// <summary>
/// A consultation (征求意见) opened as task <paramref name="TaskId"/> (its <c>TaskOpened</c> comes just
/// before, with kind consultation) on the asking department's task <paramref name="ParentTaskId"/>.
/// </summary>
/// <param name="WorkingDays">The consultation's own limit, from when it opened.</param>
public sealed record ConsultationRequested(Guid TaskId, Guid ParentTaskId, string Question, int WorkingDays) : CaseEvent;

/// <summary>The consulted department gave its opinion; the consultation task is answered.</summary>
public sealed record ConsultationAnswered(Guid TaskId, string Opinion) : CaseEvent;

/// <summary>The asking department withdrew the consultation; its task is cancelled.</summary>
public sealed record ConsultationWithdrawn(Guid TaskId, string Reason) : CaseEvent;
