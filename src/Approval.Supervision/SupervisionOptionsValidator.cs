using Microsoft.Extensions.Options;

namespace Approval.Supervision;

/// <summary>Refuses settings that would silently break alerting, so the service fails at start rather than at the first alert.</summary>
internal sealed class SupervisionOptionsValidator : IValidateOptions<SupervisionOptions>
{
    public ValidateOptionsResult Validate(string? name, SupervisionOptions options)
    {
        var errors = new List<string>();
        if (options.TimerHorizon < TimeSpan.FromMinutes(1) || options.TimerHorizon > TimeSpan.FromDays(7))
        {
            errors.Add("Supervision:TimerHorizon must be between 00:01:00 and 7.00:00:00.");
        }

        foreach (var (key, interval) in new[] { ("SafetyNetInterval", options.SafetyNetInterval), ("DispatchInterval", options.DispatchInterval) })
        {
            if (Timers.IntervalCron.For(interval) is null)
            {
                errors.Add($"Supervision:{key} must be whole seconds dividing a minute or whole minutes dividing an hour (it becomes a cron expression); '{interval}' is neither.");
            }
        }

        if (options.SafetyNetInterval >= options.TimerHorizon)
        {
            errors.Add("Supervision:SafetyNetInterval must be shorter than Supervision:TimerHorizon, or deadlines could come due before they get a timer.");
        }

        var hangfire = options.Hangfire;
        if (hangfire.SchedulePollingInterval < TimeSpan.FromMilliseconds(100) || hangfire.SchedulePollingInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("Supervision:Hangfire:SchedulePollingInterval must be between 00:00:00.1 and 00:01:00.");
        }

        if (hangfire.QueuePollInterval < TimeSpan.FromMilliseconds(50) || hangfire.QueuePollInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("Supervision:Hangfire:QueuePollInterval must be between 00:00:00.05 and 00:01:00.");
        }

        if (hangfire.LongPollingFallbackInterval < TimeSpan.FromMilliseconds(50) || hangfire.LongPollingFallbackInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("Supervision:Hangfire:LongPollingFallbackInterval must be between 00:00:00.05 and 00:01:00.");
        }

        if (hangfire.WorkerCount is < 1 or > 100)
        {
            errors.Add("Supervision:Hangfire:WorkerCount must be between 1 and 100.");
        }

        if (hangfire.JobRetention < TimeSpan.FromMinutes(1))
        {
            errors.Add("Supervision:Hangfire:JobRetention must be at least 00:01:00.");
        }

        if (hangfire.DistributedLockTimeout < TimeSpan.FromSeconds(5) || hangfire.DistributedLockTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add("Supervision:Hangfire:DistributedLockTimeout must be between 00:00:05 and 00:10:00.");
        }

        if (string.IsNullOrWhiteSpace(hangfire.SchemaName) || !hangfire.SchemaName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            errors.Add("Supervision:Hangfire:SchemaName must be letters, digits or '_'.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add("Supervision:BatchSize must be between 1 and 10000.");
        }

        if (options.SweepParallelism is < 1 or > 256)
        {
            errors.Add("Supervision:SweepParallelism must be between 1 and 256.");
        }

        if (options.TimerLead < TimeSpan.Zero || options.TimerLead > TimeSpan.FromSeconds(30))
        {
            errors.Add("Supervision:TimerLead must be between 00:00:00 and 00:00:30.");
        }

        if (options.Retry.InitialDelay <= TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.InitialDelay || options.Retry.MaxAge <= TimeSpan.Zero)
        {
            errors.Add("Supervision:Retry needs 0 < InitialDelay <= MaxDelay and MaxAge > 0.");
        }

        if (options.WebhookTimeout <= TimeSpan.Zero || options.WebhookTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add("Supervision:WebhookTimeout must be between 0 and 00:05:00.");
        }

        if (options.DeliveryLease <= options.WebhookTimeout || options.DeliveryLease > TimeSpan.FromHours(1))
        {
            errors.Add("Supervision:DeliveryLease must be longer than Supervision:WebhookTimeout (a claim outlives one attempt) and at most 01:00:00.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { Channels.LogAlertChannel.ChannelName };
        // Exchange receivers are webhooks too, and share the channel names (docs/exchange.md).
        var hooks = options.Webhooks.Select((h, i) => (h, $"Supervision:Webhooks:{i}"))
            .Concat(options.Exchange.Receivers.Select((h, i) => (h, $"Supervision:Exchange:Receivers:{i}"))).ToList();
        foreach (var (hook, at) in hooks)
        {
            if (string.IsNullOrWhiteSpace(hook.Name) || !names.Add(hook.Name))
            {
                errors.Add($"{at}:Name must be set, unique, and not '{Channels.LogAlertChannel.ChannelName}'.");
            }

            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{at}:Url must be an absolute http(s) URL.");
            }

            if (string.IsNullOrEmpty(hook.Secret))
            {
                errors.Add($"{at}:Secret must be set: receivers verify every alert with it.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
