using Approval.Persistence.Supervision;

namespace Approval.Persistence.Cases;

/// <summary>
/// The card and outbox rows that <see cref="ICaseRowSink"/>s collect for one command or one group
/// commit: the group commits insert them with prepared statements (<see cref="SqliteSinkRowStatements"/>,
/// <see cref="PostgresSinkRowStatements"/>), every other path stages them in EF with <see cref="AddTo"/>.
/// </summary>
/// <remarks>Not thread safe: one per command or per writer loop.</remarks>
public sealed class SinkRows
{
    private readonly List<SupervisionCardRow> _cards = [];
    private readonly List<OutboxMessageRow> _messages = [];

    /// <summary>The cards, in the order they were added.</summary>
    public IReadOnlyList<SupervisionCardRow> Cards => _cards;

    /// <summary>The outbox messages, in the order they were added.</summary>
    public IReadOnlyList<OutboxMessageRow> Messages => _messages;

    public void Add(SupervisionCardRow card) => _cards.Add(card);

    public void Add(OutboxMessageRow message) => _messages.Add(message);

    /// <summary>The columns of a card row, in the order of <see cref="CardValues"/>.</summary>
    internal static readonly string[] CardColumns = ["Id", "CaseId", "TaskId", "WorkflowId", "StepId", "Department", "Level", "Escalation", "DeadlineAt", "DueVersion", "CardAt", "IssuedAt"];

    /// <summary>The columns of an outbox row, in the order of <see cref="MessageValues"/>.</summary>
    internal static readonly string[] MessageColumns =
        ["Id", "EventId", "Channel", "Kind", "CaseId", "Department", "Payload", "Status", "CreatedAt", "AgeFrom", "Attempts", "NextAttemptAt", "LastAttemptAt", "DeliveredAt", "DeadAt", "LastError"];

    /// <summary>A card's values as EF writes them (instants as UTC), in <see cref="CardColumns"/> order; one list for every provider's statements.</summary>
    internal static object?[] CardValues(SupervisionCardRow c) =>
        [c.Id, c.CaseId, c.TaskId, c.WorkflowId, c.StepId, c.Department, c.Level, c.Escalation, Utc(c.DeadlineAt), c.DueVersion, Utc(c.CardAt), Utc(c.IssuedAt)];

    /// <summary>An outbox message's values as EF writes them, in <see cref="MessageColumns"/> order.</summary>
    internal static object?[] MessageValues(OutboxMessageRow m) =>
        [m.Id, m.EventId, m.Channel, m.Kind, m.CaseId, m.Department, m.Payload, m.Status, Utc(m.CreatedAt), Utc(m.AgeFrom), m.Attempts,
            Utc(m.NextAttemptAt), Utc(m.LastAttemptAt), Utc(m.DeliveredAt), Utc(m.DeadAt), m.LastError];

    /// <summary>What EF's <see cref="UtcDateTimeConverter"/> stores for the instant.</summary>
    internal static DateTime? Utc(DateTime? value) => value is not { } v ? null
        : v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc);

    /// <summary>Stages every row in <paramref name="db"/>, for the paths that save through EF.</summary>
    public void AddTo(ApprovalDbContext db)
    {
        db.Set<SupervisionCardRow>().AddRange(_cards);
        db.Set<OutboxMessageRow>().AddRange(_messages);
    }
}
