namespace Approval.Persistence.Supervision;

/// <summary>
/// One alert for one delivery channel, written in the same transaction as the state change that
/// caused it (transactional outbox) and delivered at least once by the dispatcher.
/// </summary>
/// <remarks>
/// <see cref="EventId"/> identifies the alert and is the same for every channel and every delivery
/// attempt, so receivers de-duplicate on it. <see cref="Payload"/> is fixed when the row is written:
/// a redelivery sends the very same body.
/// </remarks>
public sealed class OutboxMessageRow
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }

    /// <summary><c>log</c>, or the name of a configured webhook.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The alert kind: the card level, or <c>approve-by-silence</c>.</summary>
    public string Kind { get; set; } = "";

    public Guid CaseId { get; set; }
    public string? Department { get; set; }

    /// <summary>The JSON body, exactly as it is sent.</summary>
    public string Payload { get; set; } = "";

    /// <summary><see cref="OutboxStatus"/>: pending, delivered or dead.</summary>
    public string Status { get; set; } = OutboxStatus.Pending;

    public DateTime CreatedAt { get; set; }

    /// <summary>Where the retry age is counted from: creation, or the last redelivery by a supervisor.</summary>
    public DateTime AgeFrom { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the next attempt is due (also a claim's lease end); null once delivered or dead.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? DeadAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>The states of an outbox message.</summary>
public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";

    /// <summary>Given up after the configured age (dead letter); a supervisor can redeliver it.</summary>
    public const string Dead = "dead";
}
