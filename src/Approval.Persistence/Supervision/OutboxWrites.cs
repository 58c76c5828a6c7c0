using Approval.Persistence.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Approval.Persistence.Supervision;

/// <summary>
/// The outbox dispatcher's writes: a page's claim and its outcomes. On SQLite each is a step of the
/// case writer's next batch (<see cref="CaseStore"/>'s group commit), by prepared statements
/// (<see cref="SqliteOutboxStatements"/>): on a connection of its own it waited for the writer's lock
/// in Microsoft.Data.Sqlite's 150 ms sleeps, each sleep holding a thread-pool thread, and in a due
/// burst those sleeping dispatchers starved the sweep. Elsewhere each is one transaction through EF
/// on a context of its own.
/// </summary>
/// <remarks>Thread safe. A write completes once it is committed.</remarks>
public sealed class OutboxWrites(IDbContextFactory<ApprovalDbContext> dbFactory, CaseStore store)
{
    /// <summary>
    /// Moves the pending messages of <paramref name="ids"/> that are due at <paramref name="now"/> to
    /// the lease <paramref name="leaseUntil"/>, which marks them as this claim's; returns how many.
    /// </summary>
    public Task<int> ClaimAsync(IReadOnlyCollection<Guid> ids, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken) =>
        RunAsync(
            outbox => outbox.Claim(ids, now, leaseUntil),
            (db, ct) => Claimable(db, ids, now).ExecuteUpdateAsync(Lease(leaseUntil), ct),
            transactional: false,
            cancellationToken);

    /// <summary>
    /// Records a page's outcomes together: <paramref name="delivered"/> as delivered at
    /// <paramref name="at"/>, each of <paramref name="failures"/> as its attempt decided.
    /// </summary>
    /// <remarks>Not cancellable: the attempts happened, and their outcomes must be recorded.</remarks>
    public Task RecordAsync(IReadOnlyCollection<Guid> delivered, DateTime at, IReadOnlyList<OutboxFailure> failures) =>
        RunAsync(
            outbox => outbox.Record(delivered, at, failures),
            async (db, ct) =>
            {
                var n = delivered.Count == 0 ? 0 : await Of(db, delivered).ExecuteUpdateAsync(Delivered(at), ct);
                foreach (var failure in failures)
                {
                    n += await Of(db, [failure.Id]).ExecuteUpdateAsync(failure.Apply, ct);
                }

                return n;
            },
            transactional: true,
            CancellationToken.None);

    private static IQueryable<OutboxMessageRow> Claimable(ApprovalDbContext db, IReadOnlyCollection<Guid> ids, DateTime now) =>
        Of(db, ids).Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now);

    private static IQueryable<OutboxMessageRow> Of(ApprovalDbContext db, IReadOnlyCollection<Guid> ids) =>
        db.Set<OutboxMessageRow>().Where(m => ids.Contains(m.Id));

    private static Action<UpdateSettersBuilder<OutboxMessageRow>> Lease(DateTime leaseUntil) =>
        s => s.SetProperty(m => m.NextAttemptAt, leaseUntil);

    private static Action<UpdateSettersBuilder<OutboxMessageRow>> Delivered(DateTime at) =>
        s => s.SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastAttemptAt, at)
            .SetProperty(m => m.Status, OutboxStatus.Delivered)
            .SetProperty(m => m.DeliveredAt, at)
            .SetProperty(m => m.NextAttemptAt, (DateTime?)null)
            .SetProperty(m => m.LastError, (string?)null);

    private async Task<int> RunAsync(
        Func<SqliteOutboxStatements, int> onWriter,
        Func<ApprovalDbContext, CancellationToken, Task<int>> onOwn,
        bool transactional,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = 0;
        if (store.TryRunOnWriter(outbox => result = onWriter(outbox)) is { } queued)
        {
            // Not cancelled while queued: once in a batch the write commits with it (a claim left unheard
            // would only wait out its lease). Nothing here has a unique key to collide with, so a
            // rollback is a fault.
            if (!await queued)
            {
                throw new InvalidOperationException("An outbox write was refused by a constraint of the database.");
            }

            return result;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!transactional)
        {
            return await onOwn(db, cancellationToken); // one statement: its own transaction
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        result = await onOwn(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

/// <summary>A failed delivery attempt's outcome for one message: retried at <see cref="NextAttemptAt"/>, or dead at <see cref="DeadAt"/>.</summary>
public sealed record OutboxFailure(Guid Id, int Attempts, DateTime LastAttemptAt, string? LastError, string Status, DateTime? DeadAt, DateTime? NextAttemptAt)
{
    internal void Apply(UpdateSettersBuilder<OutboxMessageRow> s) =>
        s.SetProperty(m => m.Attempts, Attempts)
            .SetProperty(m => m.LastAttemptAt, LastAttemptAt)
            .SetProperty(m => m.LastError, LastError)
            .SetProperty(m => m.Status, Status)
            .SetProperty(m => m.DeadAt, DeadAt)
            .SetProperty(m => m.NextAttemptAt, NextAttemptAt);
}
