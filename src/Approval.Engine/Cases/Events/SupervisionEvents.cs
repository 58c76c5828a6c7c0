namespace Approval.Engine.Cases.Events;

/// <summary>
/// Electronic supervision (电子监察) issued a card on a deadline: <c>yellow</c> (黄牌) at the warning
/// point, <c>red</c> (红牌) at the due instant, <c>escalation</c> (督办) on the policy's schedule after.
/// <paramref name="TaskId"/> is null for the case's own promised limit. Exactly one card exists per
/// (task, level, escalation number, due version).
/// </summary>
/// <param name="CardAt">The instant the card was due by the policy; the event's <c>At</c> is when it was issued.</param>
public sealed record CardIssued(Guid? TaskId, CardLevel Level, int Escalation, DateTimeOffset DeadlineAt, int DueVersion, DateTimeOffset CardAt) : CaseEvent;
