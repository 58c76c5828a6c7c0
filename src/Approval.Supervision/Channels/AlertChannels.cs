namespace Approval.Supervision.Channels;

/// <summary>Finds the channel for an outbox row's channel name: <c>log</c>, or a configured webhook.</summary>
/// <remarks>Thread safe.</remarks>
public sealed class AlertChannels(LogAlertChannel log, WebhookAlertChannel webhooks)
{
    public IAlertChannel For(string channel) =>
        string.Equals(channel, LogAlertChannel.ChannelName, StringComparison.Ordinal) ? log : webhooks;
}
