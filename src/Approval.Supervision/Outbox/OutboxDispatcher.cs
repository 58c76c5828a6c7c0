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
/// Several dispatchers (threads, processes, nodes) may run at once: a page of messages is claimed with
/// one conditional UPDATE that moves their <see cref="OutboxMessageRow.NextAttemptAt"/> to a lease end
/// unique to the claim, and each dispatcher delivers only the rows carrying its own lease end; the
/// outcomes of a page are saved together. A dispatcher that dies mid-delivery leaves
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

            delivered += await DeliverAsync(due, cancellationToken);
            if (due.Count < settings.BatchSize)
            {
                break;
            }
        }

        return delivered;
    }

    /// <summary>
    /// Claims the page with one UPDATE, delivers what this dispatcher claimed side by side, and records
    /// every outcome with one save: a burst of alerts costs two writes a page, not two a message.
    /// </summary>
    private async Task<int> DeliverAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        // The lease outlives one attempt (the validator insists), so a slow receiver is not sent the
        // same alert twice by two nodes. Its instant is this claim's mark too (whole microseconds, as
        // every provider stores them): jittered, so two dispatchers claiming at the same instant never
        // share a mark.
        var lease = now + settings.DeliveryLease + TimeSpan.FromMicroseconds(Random.Shared.Next(1, 1_000_000));
        var leaseUntil = new DateTime(lease.UtcDateTime.Ticks - (lease.UtcDateTime.Ticks % 10), DateTimeKind.Utc);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Set<OutboxMessageRow>()
            .Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now.UtcDateTime)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, leaseUntil), cancellationToken);
        if (claimed == 0)
        {
            return 0; // other dispatchers have them
        }

        var messages = await db.Set<OutboxMessageRow>()
            .Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Pending && m.NextAttemptAt == leaseUntil)
            .ToListAsync(cancellationToken);
        var results = new DeliveryResult[messages.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, messages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await AttemptAsync(messages[i], ct));

        var delivered = new List<Guid>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            if (results[i].Delivered)
            {
                delivered.Add(messages[i].Id);
            }
            else
            {
                RecordFailure(messages[i], results[i], settings);
            }
        }

        // Not under the caller's token: the attempts happened, and their outcomes must be recorded.
        // The delivered ones (nearly all, in a burst) in one UPDATE: EF's tracked save of a page cost
        // more CPU than the delivery; the rest, whose outcomes differ row by row, by the save. One
        // transaction, so a page's outcomes are still recorded together.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await MarkDeliveredAsync(db, delivered);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return delivered.Count;
    }

    /// <summary>A delivered attempt's outcome, for all of <paramref name="ids"/> in one UPDATE.</summary>
    private async Task MarkDeliveredAsync(ApprovalDbContext db, List<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var at = time.GetUtcNow().UtcDateTime;
        await db.Set<OutboxMessageRow>()
            .Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastAttemptAt, at)
                    .SetProperty(m => m.Status, OutboxStatus.Delivered)
                    .SetProperty(m => m.DeliveredAt, at)
                    .SetProperty(m => m.NextAttemptAt, (DateTime?)null)
                    .SetProperty(m => m.LastError, (string?)null),
                CancellationToken.None);
    }

    private async Task<DeliveryResult> AttemptAsync(OutboxMessageRow message, CancellationToken cancellationToken)
    {
        try
        {
            return await channels.For(message.Channel).DeliverAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failed(ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>A failed attempt's outcome: retried after its back-off, or a dead letter past its age (delivered ones: <see cref="MarkDeliveredAsync"/>).</summary>
    private void RecordFailure(OutboxMessageRow message, DeliveryResult result, SupervisionOptions settings)
    {
        var after = time.GetUtcNow();
        message.Attempts++;
        message.LastAttemptAt = after.UtcDateTime;
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

    private static string? Truncate(string? error) => error is { Length: > 1000 } ? error[..1000] : error;
}
