using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Approval.Supervision.Alerts;

/// <summary>
/// The JSON body of an alert, as every channel receives it. Field names are the wire contract
/// documented in docs/deadlines.md; add fields, never rename them.
/// </summary>
/// <param name="EventId">Stable per alert: the same on every retry, redelivery and channel. De-duplicate on it.</param>
/// <param name="Kind"><c>yellow</c>, <c>red</c>, <c>escalation</c> or <c>approve-by-silence</c>.</param>
/// <param name="TaskId">Null for a card on the case's own promised limit.</param>
/// <param name="Department">The task's department; null for the case's own limit.</param>
/// <param name="Escalation">1, 2, … for escalations; 0 otherwise.</param>
/// <param name="DeadlineAt">The due instant the alert is about (UTC).</param>
/// <param name="DueVersion">Which version of that deadline; a stop or an extension makes a new one.</param>
/// <param name="CardAt">When the policy put the card (UTC).</param>
/// <param name="IssuedAt">When the deadline engine issued it (UTC).</param>
public sealed record AlertPayload(
    Guid EventId,
    string Kind,
    Guid CaseId,
    Guid? TaskId,
    string WorkflowId,
    int WorkflowVersion,
    string? StepId,
    string? StepName,
    string? Department,
    int Escalation,
    DateTimeOffset DeadlineAt,
    int DueVersion,
    DateTimeOffset CardAt,
    DateTimeOffset IssuedAt)
{
    /// <summary>Web defaults (camelCase); Chinese text stays readable.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
