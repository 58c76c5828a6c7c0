using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Statistics;

/// <summary>Adds changes to the stored counters (daily, all-time totals, standing), and reads them back with the deltas not yet folded.</summary>
public static class CounterStore
{
    /// <summary>Adds <paramref name="changes"/> to the counter rows in <paramref name="db"/> and saves; the caller owns the transaction.</summary>
    public static async Task AddAsync(ApprovalDbContext db, CounterChanges changes, CancellationToken cancellationToken)
    {
        var all = changes.NonZero.ToList();
        var daily = all.Where(c => c.Key.Day is not null).ToList();
        var standing = all.Where(c => c.Key.Day is null).ToList();

        if (daily.Count > 0)
        {
            var days = daily.Select(c => c.Key.Day!.Value).Distinct().ToList();
            var existing = (await db.Set<DailyCounterRow>().Where(r => days.Contains(r.Day)).ToListAsync(cancellationToken))
                .ToDictionary(r => (r.Day, r.Department, r.Counter));
            foreach (var (key, amount) in daily)
            {
                if (existing.TryGetValue((key.Day!.Value, key.Department, key.Counter), out var row))
                {
                    row.Value += amount;
                }
                else
                {
                    row = new DailyCounterRow { Day = key.Day.Value, Department = key.Department, Counter = key.Counter, Value = amount };
                    existing[(row.Day, row.Department, row.Counter)] = row;
                    db.Add(row);
                }
            }
        }

        if (daily.Count > 0)
        {
            await AddTotalsAsync(db, daily, cancellationToken);
        }

        if (standing.Count > 0)
        {
            var existing = (await db.Set<StandingCounterRow>().ToListAsync(cancellationToken)).ToDictionary(r => (r.Department, r.Counter));
            foreach (var (key, amount) in standing)
            {
                if (existing.TryGetValue((key.Department, key.Counter), out var row))
                {
                    row.Value += amount;
                }
                else
                {
                    row = new StandingCounterRow { Department = key.Department, Counter = key.Counter, Value = amount };
                    existing[(row.Department, row.Counter)] = row;
                    db.Add(row);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    // Every daily change also moves its all-time total, so no reader sums the days of history.
    private static async Task AddTotalsAsync(ApprovalDbContext db, List<KeyValuePair<CounterKey, long>> daily, CancellationToken cancellationToken)
    {
        var sums = daily.GroupBy(c => (c.Key.Department, c.Key.Counter)).Select(g => (g.Key, Amount: g.Sum(c => c.Value))).Where(s => s.Amount != 0).ToList();
        var departments = sums.Select(s => s.Key.Department).Distinct().ToList();
        var existing = (await db.Set<TotalCounterRow>().Where(r => departments.Contains(r.Department)).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.Department, r.Counter));
        foreach (var ((department, counter), amount) in sums)
        {
            if (existing.TryGetValue((department, counter), out var row))
            {
                row.Value += amount;
            }
            else
            {
                row = new TotalCounterRow { Department = department, Counter = counter, Value = amount };
                existing[(department, counter)] = row;
                db.Add(row);
            }
        }
    }

    /// <summary>
    /// The daily counters summed over all days (of <paramref name="department"/>, or every one),
    /// deltas not yet folded included: one row per department and counter, whatever the history.
    /// </summary>
    public static async Task<List<TotalCounterRow>> TotalsAsync(ApprovalDbContext db, string? department, CancellationToken cancellationToken)
    {
        var rows = db.Set<TotalCounterRow>().AsNoTracking();
        var deltas = db.Set<CounterDeltaRow>().AsNoTracking().Where(d => d.Day != null);
        if (department is not null)
        {
            rows = rows.Where(r => r.Department == department);
            deltas = deltas.Where(d => d.Department == department);
        }

        var stored = await rows.ToListAsync(cancellationToken);
        var pending = await deltas.GroupBy(d => new { d.Department, d.Counter })
            .Select(g => new { g.Key.Department, g.Key.Counter, Amount = g.Sum(d => d.Amount) })
            .ToListAsync(cancellationToken);
        return Merge(stored, pending.Select(p => new TotalCounterRow { Department = p.Department, Counter = p.Counter, Value = p.Amount }),
            r => (r.Department, r.Counter));
    }

    /// <summary>Daily counters from <paramref name="from"/> to <paramref name="to"/> (inclusive), deltas not yet folded included.</summary>
    public static async Task<List<DailyCounterRow>> DailyAsync(ApprovalDbContext db, DateOnly from, DateOnly to, string? department, CancellationToken cancellationToken)
    {
        var rows = db.Set<DailyCounterRow>().AsNoTracking().Where(r => r.Day >= from && r.Day <= to);
        var deltas = db.Set<CounterDeltaRow>().AsNoTracking().Where(d => d.Day != null && d.Day >= from && d.Day <= to);
        if (department is not null)
        {
            rows = rows.Where(r => r.Department == department);
            deltas = deltas.Where(d => d.Department == department);
        }

        var stored = await rows.ToListAsync(cancellationToken);
        var pending = await deltas.GroupBy(d => new { d.Day, d.Department, d.Counter })
            .Select(g => new { g.Key.Day, g.Key.Department, g.Key.Counter, Amount = g.Sum(d => d.Amount) })
            .ToListAsync(cancellationToken);
        return Merge(stored, pending.Select(p => new DailyCounterRow { Day = p.Day!.Value, Department = p.Department, Counter = p.Counter, Value = p.Amount }),
            r => (r.Day, r.Department, r.Counter));
    }

    /// <summary>Every standing counter, deltas not yet folded included.</summary>
    public static async Task<List<StandingCounterRow>> StandingAsync(ApprovalDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.Set<StandingCounterRow>().AsNoTracking().ToListAsync(cancellationToken);
        var pending = await db.Set<CounterDeltaRow>().AsNoTracking().Where(d => d.Day == null)
            .GroupBy(d => new { d.Department, d.Counter })
            .Select(g => new { g.Key.Department, g.Key.Counter, Amount = g.Sum(d => d.Amount) })
            .ToListAsync(cancellationToken);
        return Merge(stored, pending.Select(p => new StandingCounterRow { Department = p.Department, Counter = p.Counter, Value = p.Amount }),
            r => (r.Department, r.Counter));
    }

    private static List<T> Merge<T, TKey>(List<T> stored, IEnumerable<T> pending, Func<T, TKey> key)
        where T : class
        where TKey : notnull
    {
        var byKey = stored.ToDictionary(key);
        foreach (var p in pending)
        {
            if (byKey.TryGetValue(key(p), out var row))
            {
                Add(row, p);
            }
            else
            {
                byKey[key(p)] = p;
            }
        }

        return [.. byKey.Values];
    }

    private static void Add<T>(T row, T more)
    {
        switch (row, more)
        {
            case (DailyCounterRow a, DailyCounterRow b):
                a.Value += b.Value;
                break;
            case (StandingCounterRow a, StandingCounterRow b):
                a.Value += b.Value;
                break;
            case (TotalCounterRow a, TotalCounterRow b):
                a.Value += b.Value;
                break;
        }
    }
}
