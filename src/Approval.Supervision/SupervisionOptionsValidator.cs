using Microsoft.Extensions.Options;

namespace Approval.Supervision;

/// <summary>Refuses settings that would silently break alerting, so the service fails at start rather than at the first alert.</summary>
internal sealed class SupervisionOptionsValidator : IValidateOptions<SupervisionOptions>
{
    public ValidateOptionsResult Validate(string? name, SupervisionOptions options)
    {
        var errors = new List<string>();
        if (options.SweepInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add("Supervision:SweepInterval must be at least 00:00:00.1.");
        }

        if (options.DispatchInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add("Supervision:DispatchInterval must be at least 00:00:00.1.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add("Supervision:BatchSize must be between 1 and 10000.");
        }

        if (options.SweepParallelism is < 1 or > 64)
        {
            errors.Add("Supervision:SweepParallelism must be between 1 and 64.");
        }

        if (options.Retry.InitialDelay <= TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.InitialDelay || options.Retry.MaxAge <= TimeSpan.Zero)
        {
            errors.Add("Supervision:Retry needs 0 < InitialDelay <= MaxDelay and MaxAge > 0.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { Channels.LogAlertChannel.ChannelName };
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var hook = options.Webhooks[i];
            var at = $"Supervision:Webhooks:{i}";
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
