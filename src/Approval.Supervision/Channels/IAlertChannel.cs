using Approval.Persistence.Supervision;

namespace Approval.Supervision.Channels;

/// <summary>
/// Somewhere alerts go. Delivery is at least once: a channel may see the same
/// <see cref="OutboxMessageRow.EventId"/> again after a crash or a redelivery.
/// </summary>
/// <remarks>Implementations are singletons called concurrently.</remarks>
public interface IAlertChannel
{
    /// <summary>Delivers one message. Throws, or returns a failure, when it was not accepted; never both.</summary>
    Task<DeliveryResult> DeliverAsync(OutboxMessageRow message, CancellationToken cancellationToken);
}

/// <summary>What became of one delivery attempt.</summary>
public sealed record DeliveryResult(bool Delivered, string? Error)
{
    public static DeliveryResult Success { get; } = new(true, null);

    public static DeliveryResult Failed(string error) => new(false, error);
}
