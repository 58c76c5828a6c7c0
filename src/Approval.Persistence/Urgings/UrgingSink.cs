using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Cases;
using Approval.Persistence.Exchange;
using Approval.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Urgings;

/// <summary>
/// Stages a <see cref="UrgingRow"/> for every <see cref="TaskUrged"/> in the command's own transaction,
/// so the screen's per-task count is never ahead of or behind the audit trail. Singleton, stateless.
/// </summary>
public sealed class UrgingSink : ICaseEventSink
{
    public void Stage(ApprovalDbContext db, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events)
    {
        var first = after.Version - events.Count + 1;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not TaskUrged urged)
            {
                continue;
            }

            db.Set<UrgingRow>().Add(new UrgingRow
            {
                Id = ExchangeRecords.RecordIdOf(after.CaseId, first + i),
                CaseId = after.CaseId,
                TaskId = urged.TaskId,
                Department = after.FindTask(urged.TaskId)?.Department ?? "",
                UrgedBy = urged.Actor.UserId,
                Insisted = urged.Insisted,
                UrgedAt = urged.At.UtcDateTime,
            });
        }
    }
}

/// <summary>Reads the urging counts the screen shows beside each task.</summary>
public static class UrgingCounts
{
    /// <summary>How many times each of <paramref name="taskIds"/> was urged; tasks never urged are absent.</summary>
    public static async Task<Dictionary<Guid, int>> OfAsync(ApprovalDbContext db, IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0)
        {
            return [];
        }

        var rows = await db.Set<UrgingRow>().AsNoTracking().Where(u => taskIds.Contains(u.TaskId))
            .GroupBy(u => u.TaskId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => r.Count);
    }
}
