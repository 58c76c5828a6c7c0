using Approval.Calendar;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Persistence.Cases;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Statistics;

/// <summary>
/// Recomputes every supervision counter from the case events alone (the audit trail is the truth)
/// and replaces the stored counters with the result, in one transaction. Run by
/// <c>approval supervision rebuild</c> (and by the service when it finds cases but no counters,
/// a database from before the counters). Run it while no commands are written: a delta committed
/// between the read and the replacement would be dropped.
/// </summary>
public sealed class CounterRebuilder(IDbContextFactory<ApprovalDbContext> dbFactory, WorkingCalendar calendar, Func<string, int, WorkflowDefinition?> definitions)
{
    private const int CasesPerPage = 500;

    /// <summary>True when cases exist but no counter does: a database written before the counters existed.</summary>
    public async Task<bool> IsMissingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return !await db.Set<StandingCounterRow>().AnyAsync(cancellationToken) && !await db.Set<CounterDeltaRow>().AnyAsync(cancellationToken)
            && await db.Cases.AnyAsync(cancellationToken);
    }

    /// <summary>The counters the events imply, without writing anything.</summary>
    public async Task<CounterChanges> ComputeAsync(CancellationToken cancellationToken = default)
    {
        var total = new CounterChanges();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Guid? after = null;
        while (true)
        {
            var page = db.Cases.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.WorkflowId, c.WorkflowVersion });
            var cases = await (after is { } a ? page.Where(c => c.Id.CompareTo(a) > 0) : page).Take(CasesPerPage).ToListAsync(cancellationToken);
            if (cases.Count == 0)
            {
                return total;
            }

            var ids = cases.Select(c => c.Id).ToList();
            var events = (await db.CaseEvents.AsNoTracking().Where(e => ids.Contains(e.CaseId)).ToListAsync(cancellationToken))
                .GroupBy(e => e.CaseId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).Select(e => EventSerializer.Deserialize(e.Payload)).ToList());
            foreach (var c in cases)
            {
                var definition = definitions(c.WorkflowId, c.WorkflowVersion)
                    ?? throw new InvalidOperationException($"Case {c.Id} runs on {c.WorkflowId} v{c.WorkflowVersion}, which is not published in this database.");
                if (events.TryGetValue(c.Id, out var list))
                {
                    total.AddAll(CounterRules.For(new CaseState(), list, definition, calendar));
                }
            }

            after = cases[^1].Id;
        }
    }

    /// <summary>Replaces the stored counters (and drops the pending deltas) with what the events imply.</summary>
    public async Task<CounterChanges> RebuildAsync(CancellationToken cancellationToken = default)
    {
        var computed = await ComputeAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<CounterDeltaRow>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<DailyCounterRow>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<StandingCounterRow>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<TotalCounterRow>().ExecuteDeleteAsync(cancellationToken);
        await CounterStore.AddAsync(db, computed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return computed;
    }

    private static string Name(string department) => department.Length == 0 ? "(centre)" : department;

    /// <summary>
    /// Where the stored counters (deltas included) differ from what the events imply: empty when they agree.
    /// </summary>
    public async Task<IReadOnlyList<string>> CompareAsync(CancellationToken cancellationToken = default)
    {
        var computed = (await ComputeAsync(cancellationToken)).NonZero.ToDictionary(c => c.Key, c => c.Value);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = new Dictionary<CounterKey, long>();
        foreach (var r in await CounterStore.DailyAsync(db, DateOnly.MinValue, DateOnly.MaxValue, null, cancellationToken))
        {
            stored[new CounterKey(r.Day, r.Department, r.Counter)] = r.Value;
        }

        foreach (var r in await CounterStore.StandingAsync(db, cancellationToken))
        {
            stored[new CounterKey(null, r.Department, r.Counter)] = r.Value;
        }

        var differences = new List<string>();
        foreach (var key in computed.Keys.Union(stored.Keys))
        {
            var want = computed.GetValueOrDefault(key);
            var have = stored.GetValueOrDefault(key);
            if (want != have)
            {
                differences.Add($"{key.Day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "now"} {Name(key.Department)} {key.Counter}: stored {have}, events say {want}");
            }
        }

        // The all-time totals must be the events' daily counters summed over every day.
        var computedTotals = computed.Where(c => c.Key.Day is not null).GroupBy(c => (c.Key.Department, c.Key.Counter)).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        var storedTotals = (await CounterStore.TotalsAsync(db, null, cancellationToken)).ToDictionary(r => (r.Department, r.Counter), r => r.Value);
        foreach (var key in computedTotals.Keys.Union(storedTotals.Keys))
        {
            var want = computedTotals.GetValueOrDefault(key);
            var have = storedTotals.GetValueOrDefault(key);
            if (want != have)
            {
                differences.Add($"all-time {Name(key.Department)} {key.Counter}: stored {have}, events say {want}");
            }
        }

        return differences;
    }
}
