using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Exchange;
using Approval.Persistence.Supervision;
using Approval.Persistence.Workflows;
using Approval.Supervision.Alerts;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Exchange;

/// <summary>
/// The exchange feed's half of the transactional outbox: for every event the platform needs
/// (<see cref="ExchangeRecords"/>) it collects one <see cref="OutboxMessageRow"/> per configured
/// receiver with the command's own rows (<see cref="ICaseRowSink"/>), so a record commits with its event or not at all.
/// Delivery is the alerts' own: signed webhook, retried with back-off, dead-lettered after its age.
/// </summary>
/// <remarks>Singleton, stateless, thread safe.</remarks>
public sealed class ExchangeSink(IOptions<SupervisionOptions> options) : ICaseRowSink
{
    public void Collect(SinkRows rows, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events)
    {
        var receivers = options.Value.Exchange.Receivers;
        if (receivers.Count == 0)
        {
            return;
        }

        // after.Version counts events, so the first event of this command is the one after the previous version.
        var first = after.Version - events.Count + 1;
        for (var i = 0; i < events.Count; i++)
        {
            if (ExchangeRecords.For(after, workflow, events[i], first + i) is not { } record)
            {
                continue;
            }

            var body = record.ToJson();
            var kind = ExchangeRecords.OutboxKindPrefix + record.Kind;
            foreach (var receiver in receivers.Where(r => r.Accepts(record.Kind, record.Department)))
            {
                rows.Add(new OutboxMessageRow
                {
                    Id = DeterministicId.ForMessage(record.RecordId, receiver.Name),
                    EventId = record.RecordId,
                    Channel = receiver.Name,
                    Kind = kind,
                    CaseId = after.CaseId,
                    Department = record.Department,
                    Payload = body,
                    Status = OutboxStatus.Pending,
                    CreatedAt = record.At.UtcDateTime,
                    AgeFrom = record.At.UtcDateTime,
                    NextAttemptAt = record.At.UtcDateTime,
                });
            }
        }
    }
}
