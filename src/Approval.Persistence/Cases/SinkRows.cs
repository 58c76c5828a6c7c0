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

    public bool IsEmpty => _cards.Count == 0 && _messages.Count == 0;

    public void Add(SupervisionCardRow card) => _cards.Add(card);

    public void Add(OutboxMessageRow message) => _messages.Add(message);

    public void Clear()
    {
        _cards.Clear();
        _messages.Clear();
    }

    /// <summary>Stages every row in <paramref name="db"/>, for the paths that save through EF.</summary>
    public void AddTo(ApprovalDbContext db)
    {
        db.Set<SupervisionCardRow>().AddRange(_cards);
        db.Set<OutboxMessageRow>().AddRange(_messages);
    }
}
