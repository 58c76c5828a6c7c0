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
    OutboxWrites writes,
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
    /// every outcome together (<see cref="OutboxWrites"/>): a burst of alerts costs two writes a page, not two a message.
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
        var claimed = await writes.ClaimAsync(ids, now.UtcDateTime, leaseUntil, cancellationToken);
        if (claimed == 0)
        {
            return 0; // other dispatchers have them
        }

        List<OutboxMessageRow> messages;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            messages = await db.Set<OutboxMessageRow>().AsNoTracking()
                .Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Pending && m.NextAttemptAt == leaseUntil)
                .ToListAsync(cancellationToken);
        }

        var results = new DeliveryResult[messages.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, messages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await AttemptAsync(messages[i], ct));

        var delivered = new List<Guid>(messages.Count);
        var failures = new List<OutboxFailure>();
        for (var i = 0; i < messages.Count; i++)
        {
            if (results[i].Delivered)
            {
                delivered.Add(messages[i].Id);
            }
            else
            {
                failures.Add(FailureOf(messages[i], results[i], settings));
            }
        }

        // The delivered ones (nearly all, in a burst) in one UPDATE: EF's tracked save of a page cost
        // more CPU than the delivery. The failed ones, whose outcomes differ row by row, one UPDATE each,
        // all in one transaction, so a page's outcomes are recorded together.
        await writes.RecordAsync(delivered, time.GetUtcNow().UtcDateTime, failures);
        return delivered.Count;
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

    /// <summary>A failed attempt's outcome: retried after its back-off, or a dead letter past its age.</summary>
    private OutboxFailure FailureOf(OutboxMessageRow message, DeliveryResult result, SupervisionOptions settings)
    {
        var after = time.GetUtcNow();
        var attempts = message.Attempts + 1;
        if (RetryPolicy.IsExpired(settings.Retry, new DateTimeOffset(message.AgeFrom), after))
        {
            logger.LogError("Alert {EventId} to {Channel} is a dead letter after {Attempts} attempts: {Error}", message.EventId, message.Channel, attempts, result.Error);
            return new OutboxFailure(message.Id, attempts, after.UtcDateTime, Truncate(result.Error), OutboxStatus.Dead, after.UtcDateTime, null);
        }

        var next = (after + RetryPolicy.Delay(settings.Retry, attempts, Random.Shared.NextDouble())).UtcDateTime;
        logger.LogWarning("Alert {EventId} to {Channel} failed (attempt {Attempts}), retrying at {NextAttemptAt:O}: {Error}", message.EventId, message.Channel, attempts, next, result.Error);
        return new OutboxFailure(message.Id, attempts, after.UtcDateTime, Truncate(result.Error), OutboxStatus.Pending, null, next);
    }

    private static string? Truncate(string? error) => error is { Length: > 1000 } ? error[..1000] : error;
}
