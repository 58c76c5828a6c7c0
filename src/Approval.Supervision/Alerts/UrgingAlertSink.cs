using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Exchange;
using Approval.Persistence.Supervision;
using Approval.Persistence.Workflows;
using Approval.Supervision.Channels;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Alerts;

/// <summary>
/// The urging half of the transactional outbox: for every <see cref="TaskUrged"/> it stages one
/// <see cref="OutboxMessageRow"/> of kind <c>urging</c> per channel that wants it (the log, and each
/// webhook whose departments and kinds accept it), committed with the event or not at all. No card
/// row: an urging is not a card and does not colour the screen.
/// </summary>
/// <remarks>Singleton, stateless, thread safe.</remarks>
public sealed class UrgingAlertSink(IOptions<SupervisionOptions> options) : ICaseRowSink
{
    public void Collect(SinkRows rows, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events)
    {
        var first = after.Version - events.Count + 1;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not TaskUrged urged || after.FindTask(urged.TaskId) is not { } task)
            {
                continue;
            }

            var alert = new UrgingAlert(
                ExchangeRecords.RecordIdOf(after.CaseId, first + i), after.CaseId, task.TaskId, workflow.Id, workflow.Version, task.StepId,
                workflow.FindStep(task.StepId)?.Name, task.Department, task.ClaimedBy,
                new UrgingAlertActor(urged.Actor.UserId, urged.Actor.Name, urged.Actor.Department),
                !urged.Actor.HasRole(ClerkRoles.Supervisor), urged.Note, task.Urgings, urged.Insisted, task.Due.At.ToUniversalTime(), urged.At.ToUniversalTime());
            Add(rows, alert);
        }
    }

    private void Add(SinkRows rows, UrgingAlert alert) =>
        AlertOutbox.Stage(rows, options.Value, alert.EventId, UrgingAlert.AlertKind, alert.CaseId, alert.Department, alert.ToJson(), alert.At.UtcDateTime);
}
