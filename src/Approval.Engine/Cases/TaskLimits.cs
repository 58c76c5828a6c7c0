using Approval.Calendar;
using Approval.Definitions.Model;

namespace Approval.Engine.Cases;

/// <summary>
/// The time limit a task's due was first computed on, so a recompute of provisional deadlines
/// replays it on the same one: a consultation's own, a verification's (核查) item's
/// <see cref="CommitmentPolicy.VerificationLimit"/>, an approval's its step's. Read from the case's
/// definition version, which never changes, so it also holds for events stored before it was asked.
/// </summary>
internal static class TaskLimits
{
    /// <summary>The limit of <paramref name="task"/>, or null when no record says it (a rectification's comes from its rating command only).</summary>
    public static TimeLimit? Of(TaskState task, WorkflowDefinition definition)
    {
        if (task.OwnLimit is { } own)
        {
            return own;
        }

        var step = definition.FindStep(task.StepId) as TaskStepDefinition;
        return task.Kind switch
        {
            TaskKind.Approval => step?.TimeLimit,
            TaskKind.Verification => step?.Commitment?.VerificationLimit,
            _ => null,
        };
    }
}
