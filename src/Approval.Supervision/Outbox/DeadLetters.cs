using Approval.Persistence;
using Approval.Persistence.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Approval.Supervision.Outbox;

/// <summary>What a redelivery request found.</summary>
public enum RedeliveryOutcome
{
    NotFound,

    /// <summary>The dead letter is pending again and will be sent on the next dispatch.</summary>
    Requeued,

    /// <summary>It was not dead (already requeued or delivered): nothing changed. Redelivery is idempotent.</summary>
    AlreadyQueuedOrDelivered,
}

/// <summary>Dead letters: alerts given up after the retry age, which supervisors list and redeliver.</summary>
/// <remarks>Thread safe.</remarks>
public sealed class DeadLetters(IDbContextFactory<ApprovalDbContext> dbFactory, TimeProvider time, ILogger<DeadLetters> logger)
{
    /// <summary>
    /// Dead letters, newest first (then by id), optionally of one department. With <paramref name="afterDeadAt"/>
    /// and <paramref name="afterId"/> (the last dead letter of the previous page) the list continues after it: keyset paging.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessageRow>> ListAsync(string? department, int limit, DateTime? afterDeadAt = null, Guid? afterId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<OutboxMessageRow>().AsNoTracking().Where(m => m.Status == OutboxStatus.Dead);
        if (department is not null)
        {
            query = query.Where(m => m.Department == department);
        }

        if (afterDeadAt is { } at && afterId is { } id)
        {
            query = query.Where(m => m.DeadAt < at || (m.DeadAt == at && m.Id.CompareTo(id) > 0));
        }

        return await query.OrderByDescending(m => m.DeadAt).ThenBy(m => m.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<OutboxMessageRow?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<OutboxMessageRow>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>
    /// Puts a dead letter back in the queue with a fresh retry age. The body and event id are unchanged,
    /// so the receiver can tell it is the same alert. Calling it again changes nothing.
    /// </summary>
    public async Task<RedeliveryOutcome> RedeliverAsync(Guid id, string requestedBy, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requeued = await db.Set<OutboxMessageRow>()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Dead)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.AgeFrom, now)
                .SetProperty(m => m.DeadAt, (DateTime?)null), cancellationToken);
        if (requeued == 1)
        {
            logger.LogInformation("Dead letter {MessageId} requeued by {User}.", id, requestedBy);
            return RedeliveryOutcome.Requeued;
        }

        return await db.Set<OutboxMessageRow>().AnyAsync(m => m.Id == id, cancellationToken)
            ? RedeliveryOutcome.AlreadyQueuedOrDelivered
            : RedeliveryOutcome.NotFound;
    }
}
