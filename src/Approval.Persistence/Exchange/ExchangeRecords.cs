using System.Security.Cryptography;
using System.Text;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Workflows;

namespace Approval.Persistence.Exchange;

/// <summary>
/// Which case events the platform is told about, and as what. Pure: the outbox (at commit) and
/// <c>approval exchange export</c> (from the audit trail) call it with the same event and get the
/// same record, id included.
/// </summary>
public static class ExchangeRecords
{
    /// <summary>The outbox kind prefix of exchange messages (an alert's kind never has it).</summary>
    public const string OutboxKindPrefix = "exchange.";

    /// <summary>
    /// The record of <paramref name="e"/>, the event at <paramref name="sequence"/> of the case whose
    /// state (at or after the event) is <paramref name="state"/>; null when the platform does not need it.
    /// </summary>
    public static ExchangeRecord? For(CaseState state, PublishedWorkflow workflow, CaseEvent e, int sequence)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            CaseStarted => Case("intake", null, []),
            SupplementRequested s => Task(s.TaskId, "supplement-notice", null, new() { ["missing"] = s.Missing, ["note"] = s.Note, ["round"] = s.Round }),
            SupplementReceived s => Task(s.TaskId, "supplement-received", null, new() { ["channel"] = s.Channel }),
            TaskSuspended s => Task(s.TaskId, "suspension-start", null, new() { ["procedure"] = s.Kind, ["reason"] = s.Reason }),
            TaskResumed s => Task(s.TaskId, "suspension-end", null, []),
            TaskApproved a => Task(a.TaskId, "item-completed", "approved", With(new() { ["resultDocument"] = a.Result, ["comment"] = a.Comment, ["bySilence"] = a.BySilence }, "document", a.Document)),
            TaskRejected r => Task(r.TaskId, "item-completed", "rejected", new() { ["reason"] = r.Reason }),
            CaseCompleted => Case("case-completed", "approved", []),
            CaseRejected r => Case("case-completed", "rejected", new() { ["reason"] = r.Reason, ["stepId"] = r.StepId }),
            CaseWithdrawn w => Case("case-completed", "withdrawn", new() { ["reason"] = w.Reason }),
            CaseDelivered d => Case("delivery", null, With(new() { ["method"] = d.Method, ["trackingNumber"] = d.TrackingNumber }, "documents", d.Documents)),
            CaseRated r => Case("rating", null, new() { ["score"] = r.Score, ["comment"] = r.Comment }),
            _ => null,
        };

        ExchangeRecord Case(string kind, string? result, Dictionary<string, object?> detail) =>
            Record(kind, workflow.Name, null, null, result, detail);

        ExchangeRecord? Task(Guid taskId, string kind, string? result, Dictionary<string, object?> detail)
        {
            var task = state.FindTask(taskId);
            var step = task is null ? null : workflow.FindStep(task.StepId) as TaskStepDefinition;
            detail["stepId"] = task?.StepId;
            return Record(kind, step?.Name ?? workflow.Name, step?.ItemCode, task?.Department, result, detail);
        }

        ExchangeRecord Record(string kind, string itemName, string? itemCode, string? department, string? result, Dictionary<string, object?> detail) => new(
            RecordIdOf(state.CaseId, sequence),
            kind,
            state.CaseId.ToString(),
            sequence,
            workflow.Id,
            workflow.Version,
            itemName,
            itemCode,
            [.. workflow.Definition.AllSteps().OfType<TaskStepDefinition>().Select(t => t.ItemCode).OfType<string>().Distinct(StringComparer.Ordinal)],
            state.Applicant is { } a ? new ExchangeApplicant(a.Kind, a.Name, MaskId(a.Kind, a.Id)) : null,
            department,
            new ExchangeApprover(e.Actor.UserId, e.Actor.Name),
            e.At.ToUniversalTime(),
            result,
            detail);
    }

    // Result documents (证照) are added only where recorded, so the records of older events keep their exact shape.
    private static Dictionary<string, object?> With(Dictionary<string, object?> detail, string key, object? value)
    {
        if (value is not null)
        {
            detail[key] = value;
        }

        return detail;
    }

    /// <summary>Name-based (UUID version 8 over SHA-256): one id per case event, in every process and every batch.</summary>
    public static Guid RecordIdOf(Guid caseId, int sequence)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"approval:exchange:{caseId:N}:{sequence}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    // The same rule as the API's read masking (ReadAccess.MaskId): a resident ID keeps its region (6)
    // and last 4 characters; an organisation's credit code is public and is sent as it is.
    private static string MaskId(string kind, string id) =>
        kind != "person" ? id : id.Length <= 10 ? new string('*', id.Length) : id[..6] + new string('*', id.Length - 10) + id[^4..];
}
