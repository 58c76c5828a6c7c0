using Approval.Persistence;
using Approval.Persistence.Supervision;
using Approval.Supervision.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Outbox;

/// <summary>
/// Delivers due outbox messages to their channels: success marks them delivered; failure schedules
/// the next attempt by <see cref="RetryPolicy"/>, or dead-letters the message once it is older than
/// <see cref="RetryOptions.MaxAge"/>.
/// </summary>
/// <remarks>
/// Several dispatchers (threads, processes, nodes) may run at once: each message is claimed with a
/// conditional UPDATE that moves its <see cref="OutboxMessageRow.NextAttemptAt"/> a lease ahead, and
/// only the dispatcher whose UPDATE matched delivers it. A dispatcher that dies mid-delivery leaves
/// the lease to expire and another delivers again — at least once, with a stable event id. Thread safe.
/// </remarks>
public sealed class OutboxDispatcher(
    IDbContextFactory<ApprovalDbContext> dbFactory,
    AlertChannels channels,
    IOptions<SupervisionOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Delivers every message due now, in pages; returns how many were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var delivered = 0;
        for (var page = 0; page < 100; page++)
        {
            var now = time.GetUtcNow();
            List<Guid> due;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                due = await db.Set<OutboxMessageRow>().AsNoTracking()
                    .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now.UtcDateTime)
                    .OrderBy(m => m.NextAttemptAt)
                    .Select(m => m.Id)
                    .Take(settings.BatchSize)
                    .ToListAsync(cancellationToken);
            }

            if (due.Count == 0)
            {
                break;
            }

            var results = new int[due.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, due.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (i, ct) => results[i] = await TryDeliverAsync(due[i], ct) ? 1 : 0);
            delivered += results.Sum();
            if (due.Count < settings.BatchSize)
            {
                break;
            }
        }

        return delivered;
    }

    private async Task<bool> TryDeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        // The lease outlives one attempt (the validator insists), so a slow receiver is not sent the same alert twice by two nodes.
        var leaseUntil = now + settings.DeliveryLease;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Set<OutboxMessageRow>()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now.UtcDateTime)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, leaseUntil.UtcDateTime), cancellationToken);
        if (claimed == 0)
        {
            return false; // another dispatcher has it
        }

        var message = await db.Set<OutboxMessageRow>().SingleAsync(m => m.Id == id, cancellationToken);
        DeliveryResult result;
        try
        {
            result = await channels.For(message.Channel).DeliverAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = DeliveryResult.Failed(ex.GetType().Name + ": " + ex.Message);
        }

        var after = time.GetUtcNow();
        message.Attempts++;
        message.LastAttemptAt = after.UtcDateTime;
        if (result.Delivered)
        {
            message.Status = OutboxStatus.Delivered;
            message.DeliveredAt = after.UtcDateTime;
            message.NextAttemptAt = null;
            message.LastError = null;
        }
        else
        {
            message.LastError = Truncate(result.Error);
            if (RetryPolicy.IsExpired(settings.Retry, new DateTimeOffset(message.AgeFrom), after))
            {
                message.Status = OutboxStatus.Dead;
                message.DeadAt = after.UtcDateTime;
                message.NextAttemptAt = null;
                logger.LogError("Alert {EventId} to {Channel} is a dead letter after {Attempts} attempts: {Error}", message.EventId, message.Channel, message.Attempts, result.Error);
            }
            else
            {
                message.NextAttemptAt = (after + RetryPolicy.Delay(settings.Retry, message.Attempts, Random.Shared.NextDouble())).UtcDateTime;
                logger.LogWarning("Alert {EventId} to {Channel} failed (attempt {Attempts}), retrying at {NextAttemptAt:O}: {Error}", message.EventId, message.Channel, message.Attempts, message.NextAttemptAt, result.Error);
            }
        }

        // Not under the caller's token: the attempt happened, and its outcome must be recorded.
        await db.SaveChangesAsync(CancellationToken.None);
        return result.Delivered;
    }

    private static string? Truncate(string? error) => error is { Length: > 1000 } ? error[..1000] : error;
}
