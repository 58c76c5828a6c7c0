using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Supervision;
using Approval.Persistence.Workflows;
using Approval.Supervision.Channels;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Alerts;

/// <summary>
/// The transactional outbox (instants in alerts are UTC): for every card (<see cref="CardIssued"/>) and every approval by silence
/// it stages a <see cref="SupervisionCardRow"/> and one <see cref="OutboxMessageRow"/> per channel
/// that wants it with the command's own rows (<see cref="ICaseRowSink"/>). They commit with the events
/// or not at all, so an alert is never lost and never sent for a state change that did not happen.
/// </summary>
/// <remarks>
/// Channels are chosen when the alert is recorded, from the subscriptions configured then; a webhook's
/// URL and secret are looked up at delivery. Singleton, stateless, thread safe.
/// </remarks>
public sealed class AlertSink(IOptions<SupervisionOptions> options) : ICaseRowSink
{
    public void Collect(SinkRows rows, CaseState before, CaseState after, PublishedWorkflow workflow, IReadOnlyList<CaseEvent> events)
    {
        foreach (var e in events)
        {
            var payload = e switch
            {
                CardIssued card => ForCard(after, workflow, card),
                TaskApproved { BySilence: true } approved => ForSilence(after, workflow, approved),
                _ => null,
            };
            if (payload is not null)
            {
                Add(rows, payload);
            }
        }
    }

    private static AlertPayload ForCard(CaseState state, PublishedWorkflow workflow, CardIssued card)
    {
        var task = card.TaskId is { } taskId ? state.FindTask(taskId) : null;
        var id = DeterministicId.ForCard(state.CaseId, card.TaskId, card.Level, card.Escalation, card.DueVersion);
        return new AlertPayload(id, card.Level, state.CaseId, card.TaskId, workflow.Id, workflow.Version, task?.StepId,
            task is null ? null : workflow.FindStep(task.StepId)?.Name, task?.Department, card.Escalation, card.DeadlineAt.ToUniversalTime(), card.DueVersion, card.CardAt.ToUniversalTime(), card.At.ToUniversalTime());
    }

    private static AlertPayload ForSilence(CaseState state, PublishedWorkflow workflow, TaskApproved approved)
    {
        var task = state.FindTask(approved.TaskId)!;
        var id = DeterministicId.ForCard(state.CaseId, task.TaskId, CardLevels.ApproveBySilence, 0, task.DueVersion);
        return new AlertPayload(id, CardLevels.ApproveBySilence, state.CaseId, task.TaskId, workflow.Id, workflow.Version, task.StepId,
            workflow.FindStep(task.StepId)?.Name, task.Department, 0, task.Due.At.ToUniversalTime(), task.DueVersion, task.Due.At.ToUniversalTime(), approved.At.ToUniversalTime());
    }

    private void Add(SinkRows rows, AlertPayload alert)
    {
        rows.Add(new SupervisionCardRow
        {
            Id = alert.EventId,
            CaseId = alert.CaseId,
            TaskId = alert.TaskId,
            WorkflowId = alert.WorkflowId,
            StepId = alert.StepId,
            Department = alert.Department,
            Level = alert.Kind,
            Escalation = alert.Escalation,
            DeadlineAt = alert.DeadlineAt.UtcDateTime,
            DueVersion = alert.DueVersion,
            CardAt = alert.CardAt.UtcDateTime,
            IssuedAt = alert.IssuedAt.UtcDateTime,
        });

        AlertOutbox.Stage(rows, options.Value, alert.EventId, alert.Kind, alert.CaseId, alert.Department, alert.ToJson(), alert.IssuedAt.UtcDateTime);
    }
}
