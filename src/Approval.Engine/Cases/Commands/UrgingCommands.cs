namespace Approval.Engine.Cases.Commands;

/// <summary>
/// Urge an open task (催办). At most once per task per working day, unless a supervisor
/// <paramref name="Insist"/>s.
/// </summary>
public sealed record UrgeTask(Guid TaskId, string? Note, bool Insist) : CaseCommand;
