namespace Approval.Engine.Cases;

/// <summary>
/// A task's kind from its ids alone, for readers that have a task row but not the case's state
/// (the inbox): follow-up tasks have ids derived from their case and step like every task, so
/// the id says which kind opened it.
/// </summary>
public static class TaskKinds
{
    public static TaskKind Of(Guid caseId, string stepId, Guid taskId)
    {
        if (taskId == RectificationRules.TaskIdFor(caseId))
        {
            return TaskKind.Rectification;
        }

        return taskId == CommitmentRules.VerificationTaskId(caseId, stepId) ? TaskKind.Verification : TaskKind.Approval;
    }
}
