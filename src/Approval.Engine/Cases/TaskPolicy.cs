using Approval.Definitions.Model;

namespace Approval.Engine.Cases;

/// <summary>
/// The warning policy and overdue action that supervise a task, by its kind: an approval task has
/// its step's; a consultation or verification task its step's warning but never approval by silence
/// (a check nobody made is not a check passed); a rectification task the bundle's policy.
/// </summary>
public sealed record TaskPolicy(WarningPolicy Warning, OverdueAction OnOverdue)
{
    /// <summary>The policy of <paramref name="task"/>, or null when its step is not a task of the definition.</summary>
    public static TaskPolicy? For(TaskState task, WorkflowDefinition definition) =>
        For(task, definition.FindStep(task.StepId) as TaskStepDefinition, definition);

    /// <summary>The policy of <paramref name="task"/> under <paramref name="step"/>, the task step it belongs to (null when none).</summary>
    public static TaskPolicy? For(TaskState task, TaskStepDefinition? step, WorkflowDefinition definition) => task.Kind switch
    {
        TaskKind.Approval => step is null ? null : new(step.Warning ?? definition.Warning, step.OnOverdue),

        // A consultation or a verification is carded on its step's warning, and escalates: an opinion
        // or a check nobody gave is not one given.
        TaskKind.Consultation or TaskKind.Verification => new(step?.Warning ?? definition.Warning, OverdueAction.Escalate),
        _ => new(definition.Warning, OverdueAction.Escalate),
    };
}
