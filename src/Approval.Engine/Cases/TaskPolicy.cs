using Approval.Definitions.Model;

namespace Approval.Engine.Cases;

/// <summary>
/// The warning policy and overdue action that supervise a task, by its kind: an approval task has
/// its step's; a verification task its item's warning but never approval by silence (a check
/// nobody made is not a check passed); a rectification task the bundle's policy.
/// </summary>
public sealed record TaskPolicy(WarningPolicy Warning, OverdueAction OnOverdue)
{
    /// <summary>The policy of <paramref name="task"/>, or null when its step is not a task of the definition.</summary>
    public static TaskPolicy? For(TaskState task, WorkflowDefinition definition)
    {
        var step = definition.FindStep(task.StepId) as TaskStepDefinition;
        return task.Kind switch
        {
            TaskKind.Approval => step is null ? null : new(step.Warning ?? definition.Warning, step.OnOverdue),
            TaskKind.Verification => new(step?.Warning ?? definition.Warning, OverdueAction.Escalate),
            _ => new(definition.Warning, OverdueAction.Escalate),
        };
    }
}
