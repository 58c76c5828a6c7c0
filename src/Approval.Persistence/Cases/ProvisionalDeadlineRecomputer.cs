using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Approval.Persistence.Cases;

/// <summary>
/// At start-up, recomputes the deadlines of open cases that were computed on weekends only
/// because their year had no calendar file; once the file is there, they become exact (and
/// stay provisional, unchanged, while it is not).
/// </summary>
public sealed class ProvisionalDeadlineRecomputer(IDbContextFactory<ApprovalDbContext> dbFactory, CaseStore store, ILogger<ProvisionalDeadlineRecomputer> logger)
{
    private static readonly string[] OpenTaskStatuses = [nameof(Engine.Cases.TaskStatus.Open), nameof(Engine.Cases.TaskStatus.Claimed)];
    private static readonly string[] EndedCaseStatuses = [nameof(CaseStatus.Completed), nameof(CaseStatus.Rejected), nameof(CaseStatus.Withdrawn)];

    /// <returns>How many cases had a deadline moved.</returns>
    public async Task<int> RecomputeAsync(CancellationToken cancellationToken = default)
    {
        List<Guid> caseIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var fromTasks = db.Tasks.Where(t => t.DueProvisional && OpenTaskStatuses.Contains(t.Status)).Select(t => t.CaseId);
            var fromCases = db.Cases.Where(c => c.DueProvisional && !EndedCaseStatuses.Contains(c.Status)).Select(c => c.Id);
            caseIds = await fromTasks.Union(fromCases).ToListAsync(cancellationToken);
        }

        var moved = 0;
        foreach (var caseId in caseIds)
        {
            var outcome = await store.ExecuteAsync(caseId, new RecomputeDeadlines(), Actor.System, cancellationToken);
            moved += outcome.IsAccepted ? 1 : 0;
        }

        if (caseIds.Count > 0)
        {
            logger.LogInformation("{Count} case(s) have a provisional deadline on an open case or task (a delivered case's verification counts); {Moved} moved on the current calendar data.", caseIds.Count, moved);
        }

        return moved;
    }
}
