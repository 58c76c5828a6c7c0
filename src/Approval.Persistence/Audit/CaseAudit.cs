namespace Approval.Persistence.Audit;

/// <summary>
/// The verdict on one case's trail (全程留痕): how many events are stored, whether the chain holds,
/// and if not, the first event that fails and why.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Events">How many events are stored for it.</param>
/// <param name="FirstBrokenSequence">The sequence number of the first event that is missing or fails its hash; null when valid (or when no single event is to blame).</param>
/// <param name="Break">What kind of break; null when valid.</param>
/// <param name="Problem">One sentence for a person: which event, what is wrong, what it means.</param>
/// <param name="LastHash">The stored hash of the last event: publish or note it to anchor the whole trail; empty when there are no events.</param>
public sealed record CaseAudit(Guid CaseId, int Events, int? FirstBrokenSequence, AuditBreak? Break, string? Problem, string LastHash)
{
    /// <summary>True when every event is present, in order, and matches its hash.</summary>
    public bool Valid => Break is null;
}

/// <summary>How a trail is broken.</summary>
public enum AuditBreak
{
    /// <summary>A sequence number is missing: an event was deleted.</summary>
    MissingEvent,

    /// <summary>An event's hash does not follow from its payload and the hash before it: the payload was rewritten, or events were reordered.</summary>
    HashMismatch,

    /// <summary>The hash holds but a column (type, time, actor) disagrees with the hashed payload: the column was rewritten.</summary>
    ColumnMismatch,

    /// <summary>The case row counts fewer or more events than are stored, or is gone: events were cut off the end or added.</summary>
    CountMismatch,
}

/// <summary>Stable wire names of <see cref="AuditBreak"/>, for the API and the CLI.</summary>
public static class AuditBreakCodes
{
    /// <summary><c>missing-event</c>, <c>hash-mismatch</c>, <c>column-mismatch</c> or <c>count-mismatch</c>.</summary>
    public static string Code(this AuditBreak kind) => kind switch
    {
        AuditBreak.MissingEvent => "missing-event",
        AuditBreak.HashMismatch => "hash-mismatch",
        AuditBreak.ColumnMismatch => "column-mismatch",
        _ => "count-mismatch",
    };
}
