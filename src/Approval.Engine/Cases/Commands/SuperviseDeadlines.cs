namespace Approval.Engine.Cases.Commands;

/// <summary>
/// The deadline engine's sweep of several due deadlines of one case in one command (one fold, one
/// write, one commit), as when the five tasks of a case reach their yellow point at the same close
/// of day. Each is decided as <see cref="SuperviseDeadline"/> would decide it, in order, on the
/// state the previous ones led to; one with nothing due is skipped, not refused.
/// </summary>
public sealed record SuperviseDeadlines(IReadOnlyList<SuperviseDeadline> Deadlines) : CaseCommand;
