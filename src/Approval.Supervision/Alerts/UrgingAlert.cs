using System.Text.Json;

namespace Approval.Supervision.Alerts;

/// <summary>
/// The JSON body of an urging alert (催办): a supervisor or the window pressed a department on a
/// task. Its own shape, told apart from a card's by <see cref="Type"/> and <see cref="Kind"/>
/// (both <c>urging</c>; the outbox kind and the <c>X-Approval-Kind</c> header say the same). The
/// wire contract is docs/operations.md ("Urging alerts"): add fields, never rename them.
/// </summary>
/// <param name="EventId">Stable per urging (case and event sequence): the same on every retry and channel. De-duplicate on it.</param>
/// <param name="UrgedBy">Who urged: a supervisor, or a window clerk on the applicant's behalf.</param>
/// <param name="ByWindow">True when the window urged on the applicant's behalf.</param>
/// <param name="Urgings">How many times the task has been urged, this one included.</param>
/// <param name="Insisted">A supervisor urged again on a working day the task was already urged.</param>
/// <param name="DueAt">The task's due instant (UTC), which urging does not move.</param>
/// <param name="At">When it was urged (UTC).</param>
public sealed record UrgingAlert(
    Guid EventId,
    Guid CaseId,
    Guid TaskId,
    string WorkflowId,
    int WorkflowVersion,
    string StepId,
    string? StepName,
    string Department,
    string? ClaimedBy,
    UrgingAlertActor UrgedBy,
    bool ByWindow,
    string? Note,
    int Urgings,
    bool Insisted,
    DateTimeOffset DueAt,
    DateTimeOffset At)
{
    /// <summary>The outbox kind, webhook <c>Kinds</c> filter value and payload type of an urging.</summary>
    public const string AlertKind = "urging";

    /// <summary>Always <c>urging</c>: lets a receiver of cards and urgings on one URL tell them apart.</summary>
    public string Type => AlertKind;

    /// <summary>Always <c>urging</c>, as a card's <c>kind</c> is its level.</summary>
    public string Kind => AlertKind;

    public string ToJson() => JsonSerializer.Serialize(this, AlertPayload.Json);
}

/// <summary>The urger as the department sees them.</summary>
public sealed record UrgingAlertActor(string UserId, string Name, string? Department);
