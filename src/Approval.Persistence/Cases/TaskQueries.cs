using Approval.Persistence.Rows;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Cases;

/// <summary>A task row with the workflow version of its case, for naming its step.</summary>
public sealed record InboxTask(TaskRow Task, string WorkflowId, int WorkflowVersion);

/// <summary>Read-side queries over task rows: a department's inbox (待办), and which case a task belongs to.</summary>
public sealed class TaskQueries(IDbContextFactory<ApprovalDbContext> dbFactory, TaskCaseIndex? index = null)
{
    /// <summary>The case of the task, from <see cref="TaskCaseIndex"/> when this node has seen it; null when there is no such task.</summary>
    public async Task<Guid?> CaseOfAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        if (index?.Find(taskId) is { } known)
        {
            return known;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var caseId = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => (Guid?)t.CaseId).FirstOrDefaultAsync(cancellationToken);
        if (caseId is { } found)
        {
            index?.Remember(taskId, found);
        }

        return caseId;
    }

    /// <summary>
    /// A department's tasks in the given statuses, most urgent (earliest due) first, ties by id: a total
    /// order, so keyset paging from <paramref name="afterDue"/>/<paramref name="afterId"/> (the last row
    /// of the previous page, both or neither) returns every row exactly once.
    /// </summary>
    public async Task<IReadOnlyList<InboxTask>> InboxAsync(
        string department, IReadOnlyCollection<string> statuses, int limit, DateTime? afterDue = null, Guid? afterId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = db.Tasks.AsNoTracking().Where(t => t.Department == department && statuses.Contains(t.Status));
        if (afterDue is { } due && afterId is { } id)
        {
            tasks = tasks.Where(t => t.DueAt > due || (t.DueAt == due && t.Id.CompareTo(id) > 0));
        }

        var rows = await tasks
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Take(limit)
            .Join(db.Cases, t => t.CaseId, c => c.Id, (t, c) => new { Task = t, c.WorkflowId, c.WorkflowVersion })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new InboxTask(r.Task, r.WorkflowId, r.WorkflowVersion))];
    }
}
