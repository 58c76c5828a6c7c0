using Approval.Persistence.Cases;
using Approval.Persistence.Supervision;
using Approval.Supervision.Channels;

namespace Approval.Supervision.Alerts;

/// <summary>
/// Stages one alert's outbox rows: one <see cref="OutboxMessageRow"/> per channel that wants it —
/// the log channel first when <see cref="SupervisionOptions.LogAlerts"/>, then each webhook whose
/// kinds and departments accept it — with a deterministic id per (event, channel), so a repeat of
/// the same alert cannot queue it twice.
/// </summary>
internal static class AlertOutbox
{
    public static void Stage(SinkRows rows, SupervisionOptions settings, Guid eventId, string kind, Guid caseId, string? department, string body, DateTime at)
    {
        foreach (var channel in ChannelsFor(settings, kind, department))
        {
            rows.Add(new OutboxMessageRow
            {
                Id = DeterministicId.ForMessage(eventId, channel),
                EventId = eventId,
                Channel = channel,
                Kind = kind,
                CaseId = caseId,
                Department = department,
                Payload = body,
                Status = OutboxStatus.Pending,
                CreatedAt = at,
                AgeFrom = at,
                NextAttemptAt = at,
            });
        }
    }

    private static IEnumerable<string> ChannelsFor(SupervisionOptions settings, string kind, string? department)
    {
        if (settings.LogAlerts)
        {
            yield return LogAlertChannel.ChannelName;
        }

        foreach (var hook in settings.Webhooks)
        {
            if (hook.Accepts(kind, department))
            {
                yield return hook.Name;
            }
        }
    }
}
