namespace Approval.Engine.Cases.Commands;

/// <summary>
/// The deadline engine's sweep of one deadline: issue every card now due on it, or approve the task
/// by silence (超时默许) when its definition says so. <paramref name="TaskId"/> null means the case's
/// own promised limit. <paramref name="DueVersion"/> is the deadline the sweep saw; a deadline that
/// moved since is left to the next sweep.
/// </summary>
public sealed record SuperviseDeadline(Guid? TaskId, int DueVersion) : CaseCommand;
