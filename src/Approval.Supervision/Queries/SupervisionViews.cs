using Approval.Persistence.Supervision;

namespace Approval.Supervision.Queries;

/// <summary>A card as the supervision API shows it. Instants are UTC.</summary>
public sealed record CardView(
    Guid Id, Guid CaseId, Guid? TaskId, string WorkflowId, string? StepId, string? Department,
    string Level, int Escalation, DateTimeOffset DeadlineAt, int DueVersion, DateTimeOffset CardAt, DateTimeOffset IssuedAt)
{
    public static CardView From(SupervisionCardRow r) => new(
        r.Id, r.CaseId, r.TaskId, r.WorkflowId, r.StepId, r.Department, r.Level, r.Escalation,
        new DateTimeOffset(r.DeadlineAt), r.DueVersion, new DateTimeOffset(r.CardAt), new DateTimeOffset(r.IssuedAt));
}

/// <summary>An outbox message (a dead letter, or one being redelivered) as the supervision API shows it.</summary>
public sealed record OutboxMessageView(
    Guid Id, Guid EventId, string Channel, string Kind, Guid CaseId, string? Department, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset? DeadAt, string? LastError)
{
    public static OutboxMessageView From(OutboxMessageRow r) => new(
        r.Id, r.EventId, r.Channel, r.Kind, r.CaseId, r.Department, r.Status, r.Attempts, new DateTimeOffset(r.CreatedAt),
        At(r.LastAttemptAt), At(r.DeliveredAt), At(r.DeadAt), r.LastError);

    private static DateTimeOffset? At(DateTime? value) => value is { } v ? new DateTimeOffset(v) : null;
}
