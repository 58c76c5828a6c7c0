using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Approval.Persistence.Exchange;

/// <summary>
/// One record of the feed to the provincial government-service platform: a case event that
/// matters to it, with the platform's fields. The wire contract is docs/exchange.md: add fields,
/// never rename them.
/// </summary>
/// <param name="RecordId">Stable per event (case and event sequence): the same on every retry, redelivery and batch file. De-duplicate on it.</param>
/// <param name="Kind">intake, supplement-notice, supplement-received, suspension-start, suspension-end, item-completed, case-completed, delivery, rating.</param>
/// <param name="CaseNumber">办件编号: the case id, which the platform's records of the case share.</param>
/// <param name="Sequence">The event's position in the case's audit trail (1, 2, …).</param>
/// <param name="ItemName">事项名称: the task's item for task events, the 一件事 otherwise.</param>
/// <param name="ItemCode">事项编码 of the task's item; null for case events and for items without one.</param>
/// <param name="ItemCodes">Every 事项编码 of the bundle (case events).</param>
/// <param name="Applicant">申请人, the ID masked (a resident ID keeps region and last four).</param>
/// <param name="Department">承办部门: the task's department; null for window events.</param>
/// <param name="Approver">审批人: who acted (<c>system</c> for approval by silence).</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Result">办件结果: approved, rejected or withdrawn (completions); null otherwise.</param>
/// <param name="Detail">What the kind adds: the result document (<c>resultDocument</c>, and <c>document</c> with number, name and validity when recorded), every document of the case on an electronic delivery (<c>documents</c>), the reason, the missing materials, the suspension kind, the delivery method, the rating.</param>
public sealed record ExchangeRecord(
    Guid RecordId,
    string Kind,
    string CaseNumber,
    int Sequence,
    string WorkflowId,
    int WorkflowVersion,
    string ItemName,
    string? ItemCode,
    IReadOnlyList<string> ItemCodes,
    ExchangeApplicant? Applicant,
    string? Department,
    ExchangeApprover Approver,
    DateTimeOffset At,
    string? Result,
    IReadOnlyDictionary<string, object?> Detail)
{
    /// <summary>Web defaults (camelCase); Chinese text stays readable.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>申请人 as the platform receives it: kind (person / organisation), name, masked identifier.</summary>
public sealed record ExchangeApplicant(string Kind, string Name, string MaskedId);

/// <summary>审批人: the acting user's id and display name.</summary>
public sealed record ExchangeApprover(string UserId, string Name);
