using System.Runtime.CompilerServices;
using Approval.Persistence.Rows;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Audit;

/// <summary>
/// Verifies the audit trail (全程留痕) as stored: recomputes every case's hash chain from its rows
/// and names the first event that is missing or was rewritten. Read-only.
/// </summary>
/// <remarks>
/// <para>
/// What it proves: no event was deleted, reordered or edited in place since it was written —
/// unless whoever edited it also recomputed every later hash and the case row's version. The
/// chain is unkeyed, so that last defence is the <see cref="CaseAudit.LastHash"/> noted outside the
/// database (a report, a ticket, a daily digest): a rewritten trail cannot reproduce it.
/// </para>
/// <para>Thread safe: every call uses its own <see cref="ApprovalDbContext"/>.</para>
/// </remarks>
public sealed class AuditVerifier(IDbContextFactory<ApprovalDbContext> dbFactory)
{
    /// <summary>Verifies one case; null when the database knows nothing of it (no case row, no events).</summary>
    public async Task<CaseAudit?> VerifyAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseId == caseId)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var version = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => (int?)c.Version).FirstOrDefaultAsync(cancellationToken);
        return rows.Count == 0 && version is null ? null : ChainCheck.Check(caseId, rows, version);
    }

    /// <summary>
    /// Verifies every case: each case with stored events, then each case row whose events are all
    /// gone. Streams the events in one pass, holding one case's rows at a time.
    /// </summary>
    public async IAsyncEnumerable<CaseAudit> VerifyAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.Cases.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Version, cancellationToken);

        var current = new List<CaseEventRow>();
        var events = db.CaseEvents.AsNoTracking().OrderBy(e => e.CaseId).ThenBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var row in events.WithCancellation(cancellationToken))
        {
            if (current.Count > 0 && current[0].CaseId != row.CaseId)
            {
                yield return Finish(current, versions);
                current = [];
            }

            current.Add(row);
        }

        if (current.Count > 0)
        {
            yield return Finish(current, versions);
        }

        // Whatever is left has a case row but not one event.
        foreach (var (caseId, version) in versions.OrderBy(v => v.Key))
        {
            yield return ChainCheck.Check(caseId, [], version);
        }
    }

    private static CaseAudit Finish(List<CaseEventRow> rows, Dictionary<Guid, int> versions)
    {
        var caseId = rows[0].CaseId;
        int? version = versions.Remove(caseId, out var v) ? v : null;
        return ChainCheck.Check(caseId, rows, version);
    }
}
