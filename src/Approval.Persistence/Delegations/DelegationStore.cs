using System.Collections.Concurrent;
using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Delegations;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Delegations;

/// <summary>
/// Records delegations (委托) and finds them: the engine's <see cref="DelegationRules"/> decide a grant
/// or a revocation on what is stored, and this writes the answer. Thread safe.
/// </summary>
/// <remarks>
/// A delegator's grants are decided one at a time in this process, so two grants sent at once cannot
/// both pass the overlap check here; across nodes they can (docs/operations.md, "Running several
/// nodes"), which leaves two delegations that each still end by themselves.
/// </remarks>
public sealed class DelegationStore(IDbContextFactory<ApprovalDbContext> dbFactory, WorkingCalendar calendar, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Grants what <paramref name="actor"/> asks, or says why not; nothing is written on a refusal.</summary>
    public async Task<DelegationDecision> GrantAsync(Actor actor, DelegationInput input, CancellationToken cancellationToken = default)
    {
        var gate = _gates.GetOrAdd(actor.UserId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            var horizon = now.UtcDateTime;
            var existing = await db.Set<DelegationRow>().AsNoTracking()
                .Where(d => d.DelegatorId == actor.UserId && d.To > horizon && d.RevokedAt == null)
                .ToListAsync(cancellationToken);
            var decision = DelegationRules.Grant(actor, input, existing.ConvertAll(r => r.ToDelegation()), now, calendar, Guid.CreateVersion7(now));
            if (decision.Delegation is { } granted)
            {
                db.Set<DelegationRow>().Add(DelegationRow.Of(granted));
                await db.SaveChangesAsync(cancellationToken);
            }

            return decision;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Ends a delegation early, or says why not (<see cref="RefusalCodes.DelegationNotFound"/> when there is none).</summary>
    public async Task<DelegationDecision> RevokeAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Set<DelegationRow>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken) is not { } row)
        {
            return new DelegationDecision(null, Refusal.NotFound(RefusalCodes.DelegationNotFound, $"There is no delegation {id}."));
        }

        var decision = DelegationRules.Revoke(actor, row.ToDelegation(), time.GetUtcNow());
        if (decision.Delegation is { } revoked)
        {
            row.RevokedAt = revoked.RevokedAt?.UtcDateTime;
            row.RevokedBy = revoked.RevokedBy;
            await db.SaveChangesAsync(cancellationToken);
        }

        return decision;
    }

    public async Task<Delegation?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<DelegationRow>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row?.ToDelegation();
    }

    /// <summary>The delegations given by or to <paramref name="userId"/> that have not ended, earliest first.</summary>
    public async Task<IReadOnlyList<Delegation>> CurrentAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Set<DelegationRow>().AsNoTracking()
            .Where(d => (d.DelegatorId == userId || d.DelegateId == userId) && d.To > now && d.RevokedAt == null)
            .OrderBy(d => d.From).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => r.ToDelegation());
    }

    /// <summary>
    /// The delegations naming <paramref name="delegateId"/> as delegate that are not revoked and not
    /// over by this process's clock; the engine decides which applies (<see cref="CaseAccess.DelegationFor"/>).
    /// </summary>
    public async Task<IReadOnlyList<Delegation>> HeldByAsync(string delegateId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Set<DelegationRow>().AsNoTracking()
            .Where(d => d.DelegateId == delegateId && d.To > now && d.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => r.ToDelegation());
    }
}
