using Approval.Engine.Cases;

namespace Approval.Persistence.Cases;

/// <summary>
/// Which case each recently written task belongs to, filled from this node's commits, so a task
/// command (<c>POST /api/tasks/{id}/approve</c>) finds its case without a query. Safe across nodes
/// without invalidation: a task belongs to one case forever; a task this node has not seen is
/// looked up in the database (<see cref="TaskQueries.CaseOfAsync"/>) and remembered.
/// </summary>
/// <remarks>Bounded: when full it is emptied, like <see cref="CaseStateCache"/>. Thread safe.</remarks>
public sealed class TaskCaseIndex : ICaseCommitObserver
{
    private const int Capacity = 65_536;

    private readonly BoundedMap<Guid, Guid> _caseOf = new(Capacity);

    public Guid? Find(Guid taskId) => _caseOf.TryGetValue(taskId, out var caseId) ? caseId : null;

    public void Remember(Guid taskId, Guid caseId) => _caseOf.Set(taskId, caseId);

    public void Committed(CommittedCase commit)
    {
        foreach (var task in commit.Tasks)
        {
            // An ended case's closed tasks take no more commands: keep the room for open ones. Its
            // follow-up tasks (verification, rectification) stay open after the end and are kept.
            if (commit.After.IsEnded && commit.After.FindTask(task.Id)?.Status.IsOpen() != true)
            {
                _caseOf.Remove(task.Id);
            }
            else
            {
                Remember(task.Id, task.CaseId);
            }
        }
    }
}
