namespace Approval.Persistence.Supervision;

/// <summary>
/// One card of electronic supervision (电子监察) — yellow, red, escalation (督办) — or an approval by
/// silence (超时默许), as a row supervisors can query. The case history holds the same fact as an
/// event; this row is written in the same transaction, so the two never disagree.
/// </summary>
/// <remarks>
/// <see cref="Id"/> is derived from (case, task, level, escalation, due version), so the primary key
/// itself refuses a second row for the same card, whatever the engine's state says.
/// </remarks>
public sealed class SupervisionCardRow
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>The task the card is about; null for the case's own promised limit.</summary>
    public Guid? TaskId { get; set; }

    public string WorkflowId { get; set; } = "";
    public string? StepId { get; set; }

    /// <summary>The task's department; null for a card on the case's own limit.</summary>
    public string? Department { get; set; }

    /// <summary><c>yellow</c>, <c>red</c>, <c>escalation</c> or <c>approve-by-silence</c>.</summary>
    public string Level { get; set; } = "";

    /// <summary>The escalation number (1, 2, …) for <c>escalation</c>; 0 otherwise.</summary>
    public int Escalation { get; set; }

    /// <summary>The due instant the card refers to.</summary>
    public DateTime DeadlineAt { get; set; }

    /// <summary>Which version of the deadline (a stop or extension makes a new one).</summary>
    public int DueVersion { get; set; }

    /// <summary>When the policy put the card.</summary>
    public DateTime CardAt { get; set; }

    /// <summary>When the deadline engine actually issued it (at or after <see cref="CardAt"/>).</summary>
    public DateTime IssuedAt { get; set; }
}
