namespace Approval.Definitions.Model;

/// <summary>What the deadline engine does when a task passes its due instant.</summary>
public enum OverdueAction
{
    /// <summary>Red card, then escalation (督办) on the warning policy's schedule.</summary>
    Escalate,

    /// <summary>Approval by silence (超时默许): the system approves the task at its due instant.</summary>
    Approve,
}
