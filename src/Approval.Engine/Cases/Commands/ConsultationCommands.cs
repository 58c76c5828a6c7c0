namespace Approval.Engine.Cases.Commands;

/// <summary>
/// Ask other departments for their opinion (征求意见 / 加签) on an open approval task: one consultation
/// task per department, each with <paramref name="WorkingDays"/> to answer.
/// </summary>
public sealed record RequestConsultation(Guid TaskId, IReadOnlyList<string> Departments, string Question, int WorkingDays) : CaseCommand;

/// <summary>The consulted department answers its consultation task with its opinion.</summary>
public sealed record AnswerConsultation(Guid TaskId, string Opinion) : CaseCommand;

/// <summary>The asking department withdraws a consultation it no longer needs; a reason is required.</summary>
public sealed record WithdrawConsultation(Guid TaskId, string Reason) : CaseCommand;
