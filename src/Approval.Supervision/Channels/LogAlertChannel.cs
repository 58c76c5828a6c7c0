using Approval.Engine.Cases;
using Approval.Persistence.Supervision;
using Microsoft.Extensions.Logging;

namespace Approval.Supervision.Channels;

/// <summary>The default channel: writes every alert to the service log (red cards, escalations and silent approvals as warnings).</summary>
/// <remarks>Thread safe.</remarks>
public sealed class LogAlertChannel(ILogger<LogAlertChannel> logger) : IAlertChannel
{
    public const string ChannelName = "log";

    public Task<DeliveryResult> DeliverAsync(OutboxMessageRow message, CancellationToken cancellationToken)
    {
        var level = message.Kind == CardLevels.Yellow ? LogLevel.Information : LogLevel.Warning;
        logger.Log(level, "Supervision alert {Kind} for case {CaseId} (department {Department}), event {EventId}: {Payload}",
            message.Kind, message.CaseId, message.Department ?? "-", message.EventId, message.Payload);
        return Task.FromResult(DeliveryResult.Success);
    }
}
