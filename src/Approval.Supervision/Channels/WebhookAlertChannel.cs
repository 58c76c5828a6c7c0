using System.Globalization;
using System.Text;
using Approval.Persistence.Supervision;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Channels;

/// <summary>
/// POSTs an alert's JSON to a subscription's URL, signed (<see cref="WebhookSignature"/>). Any 2xx
/// answer is delivery; anything else, a timeout or a network error is a failure the dispatcher retries.
/// </summary>
/// <remarks>Thread safe; the <see cref="HttpClient"/> comes from <see cref="IHttpClientFactory"/>.</remarks>
public sealed class WebhookAlertChannel(IHttpClientFactory clients, IOptions<SupervisionOptions> options, TimeProvider time) : IAlertChannel
{
    public const string HttpClientName = "approval-webhooks";

    public async Task<DeliveryResult> DeliverAsync(OutboxMessageRow message, CancellationToken cancellationToken)
    {
        var hook = options.Value.FindWebhook(message.Channel);
        if (hook is null)
        {
            return DeliveryResult.Failed($"No webhook named '{message.Channel}' is configured any more.");
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.EventIdHeader, message.EventId.ToString());
        request.Headers.Add(WebhookSignature.KindHeader, message.Kind);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(hook.Secret, timestamp, message.Payload));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode
                ? DeliveryResult.Success
                : DeliveryResult.Failed($"{hook.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failed($"{hook.Url} did not answer within {options.Value.WebhookTimeout}.");
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Failed($"{hook.Url}: {ex.Message}");
        }
    }
}
