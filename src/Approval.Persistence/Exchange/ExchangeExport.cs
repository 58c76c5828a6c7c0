using Approval.Engine.Cases;
using Approval.Persistence.Cases;
using Approval.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Exchange;

/// <summary>
/// The exchange records of a time window, rebuilt from the audit trail for a batch upload: the
/// same records (ids included) the outbox sent, whether or not a receiver was configured then.
/// </summary>
public static class ExchangeExport
{
    /// <summary>
    /// Every record whose event happened in [<paramref name="from"/>, <paramref name="to"/>), ordered
    /// by time, case and sequence. <paramref name="workflow"/> finds a published version; cases on a
    /// version it cannot find are counted in <paramref name="skippedCases"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ExchangeRecord>> ReadAsync(
        ApprovalDbContext db, DateTimeOffset from, DateTimeOffset to, Func<string, int, PublishedWorkflow?> workflow, ICollection<Guid> skippedCases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(workflow);
        var start = from.UtcDateTime;
        var end = to.UtcDateTime;
        var caseIds = await db.CaseEvents.AsNoTracking().Where(e => e.At >= start && e.At < end).Select(e => e.CaseId).Distinct().ToListAsync(cancellationToken);
        var records = new List<ExchangeRecord>();
        foreach (var caseId in caseIds)
        {
            // The state is folded from the first event, so the applicant and tasks are known for events in the window.
            var rows = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
            var state = new CaseState();
            PublishedWorkflow? published = null;
            foreach (var row in rows)
            {
                var e = EventSerializer.Deserialize(row.Payload);
                state = state.Then(e);
                published ??= workflow(state.WorkflowId, state.WorkflowVersion);
                if (published is null)
                {
                    skippedCases.Add(caseId);
                    break;
                }

                if (row.At >= start && row.At < end && ExchangeRecords.For(state, published, e, row.Sequence) is { } record)
                {
                    records.Add(record);
                }
            }
        }

        return [.. records.OrderBy(r => r.At).ThenBy(r => r.CaseNumber, StringComparer.Ordinal).ThenBy(r => r.Sequence)];
    }
}
