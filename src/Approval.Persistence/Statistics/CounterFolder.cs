using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Statistics;

/// <summary>
/// Folds the appended <see cref="CounterDeltaRow"/>s into <see cref="DailyCounterRow"/> and
/// <see cref="StandingCounterRow"/>, oldest first, in batches. Safe beside another node folding too:
/// the deltas are deleted first, and a fold that deleted fewer than it read (another node took them)
/// rolls back, so no delta is counted twice.
/// </summary>
public sealed class CounterFolder(IDbContextFactory<ApprovalDbContext> dbFactory)
{
    /// <summary>Deltas folded per transaction.</summary>
    public const int Batch = 5000;

    /// <summary>Folds every delta present now; returns how many were folded.</summary>
    public async Task<int> FoldAllAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        for (int folded; (folded = await FoldBatchAsync(cancellationToken)) > 0;)
        {
            total += folded;
        }

        return total;
    }

    /// <summary>Folds up to <see cref="Batch"/> deltas; 0 when none were waiting (or another node took them).</summary>
    public async Task<int> FoldBatchAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deltas = await db.Set<CounterDeltaRow>().AsNoTracking().OrderBy(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
        if (deltas.Count == 0)
        {
            return 0;
        }

        var last = deltas[^1].Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.Set<CounterDeltaRow>().Where(d => d.Id <= last).ExecuteDeleteAsync(cancellationToken);
        if (deleted != deltas.Count)
        {
            // Another node folded some of them meanwhile, or a delta committed late below 'last': read again.
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        var changes = new CounterChanges();
        foreach (var d in deltas)
        {
            changes.Add(d.Day, d.Department, d.Counter, d.Amount);
        }

        await CounterStore.AddAsync(db, changes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deltas.Count;
    }
}
