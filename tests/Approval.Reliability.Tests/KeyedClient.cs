using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Approval.Reliability.Tests;

/// <summary>Sends keyed POSTs to a service node and records each in the ledger; a request the crash cut off stays unanswered.</summary>
internal static class KeyedClient
{
    public static async Task<Sent> SendAsync(HttpClient http, Sent sent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, sent.Path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sent.Token);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", sent.Key);
        if (sent.Body is not null)
        {
            request.Content = new StringContent(sent.Body, Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request);
            sent.Answer = await response.Content.ReadAsStringAsync();
            sent.Status = response.StatusCode;
            sent.Replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var v) && v.Contains("true");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // The node died under the request: no answer; the retry decides what happened.
            sent.Status = null;
            sent.Answer = null;
        }

        return sent;
    }

    /// <summary>Retries with the same key until the answer is final (not 409 in flight), as a client told Retry-After would.</summary>
    public static async Task<Sent> RetryUntilFinalAsync(HttpClient http, Sent sent, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            await SendAsync(http, sent);
            if (sent.Status is { } status && status != HttpStatusCode.Conflict)
            {
                return sent;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"{sent.Path} (key {sent.Key}) was still {sent.Status?.ToString() ?? "unanswered"} after {patience}: {sent.Answer}");
            }

            await Task.Delay(250);
        }
    }
}
