using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Cases;
using Approval.Persistence.Supervision;
using Approval.Persistence.Workflows;

namespace Approval.Persistence.Tests;

/// <summary>
/// A row sink for the write-path contract: per write, one card and two outbox messages, one with
/// every nullable column given a value and one with them all null, so a column the statements bind
/// wrongly or forget shows in the comparison with EF.
/// </summary>
internal sealed class FilledRowSink(Func<CaseState, Guid?>? cardIdOf = null) : ICaseRowSink
{
    public void Collect(SinkRows rows, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events)
    {
        var at = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(after.Version * 1_234_567);
        var card = cardIdOf?.Invoke(after) ?? Derive(after.CaseId, after.Version, 0);
        rows.Add(new SupervisionCardRow
        {
            Id = card, CaseId = after.CaseId, TaskId = Derive(after.CaseId, after.Version, 1), WorkflowId = workflow.Id, StepId = "step-" + after.Version,
            Department = "dept", Level = "yellow", Escalation = after.Version, DeadlineAt = at.AddDays(1), DueVersion = after.Version + 1, CardAt = at.AddHours(1), IssuedAt = at.AddHours(2),
        });
        rows.Add(new OutboxMessageRow
        {
            Id = Derive(after.CaseId, after.Version, 2), EventId = card, Channel = "log", Kind = "yellow", CaseId = after.CaseId, Department = "dept",
            Payload = "{\"n\":" + after.Version + "}", Status = OutboxStatus.Dead, CreatedAt = at, AgeFrom = at.AddMinutes(1), Attempts = 3,
            NextAttemptAt = at.AddMinutes(2), LastAttemptAt = at.AddMinutes(3), DeliveredAt = at.AddMinutes(4), DeadAt = at.AddMinutes(5), LastError = "refused",
        });
        rows.Add(new OutboxMessageRow
        {
            Id = Derive(after.CaseId, after.Version, 3), EventId = card, Channel = "hook", Kind = "yellow", CaseId = after.CaseId,
            Payload = "{}", Status = OutboxStatus.Pending, CreatedAt = at, AgeFrom = at,
        });
    }

    /// <summary>An id of its own for each (case, version, row).</summary>
    internal static Guid Derive(Guid caseId, long version, byte row)
    {
        Span<byte> bytes = stackalloc byte[16];
        caseId.TryWriteBytes(bytes);
        bytes[13] ^= (byte)(version >> 8);
        bytes[14] ^= (byte)version;
        bytes[15] ^= (byte)(row + 1);
        return new Guid(bytes);
    }
}

/// <summary>A sink that is not a row sink: its rows must still reach the database, through EF.</summary>
internal sealed class EfOnlySink : ICaseEventSink
{
    public void Stage(ApprovalDbContext db, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events) =>
        db.Add(new OutboxMessageRow
        {
            Id = FilledRowSink.Derive(after.CaseId, after.Version, 9), EventId = after.CaseId, Channel = "ef", Kind = "other", CaseId = after.CaseId,
            Payload = "[]", Status = OutboxStatus.Pending, CreatedAt = DateTime.UnixEpoch, AgeFrom = DateTime.UnixEpoch,
        });
}
