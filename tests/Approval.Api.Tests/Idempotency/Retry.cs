using System.Net.Http.Json;
using System.Text.Json;

namespace Approval.Api.Tests.Idempotency;

/// <summary>Sending the same call twice under one Idempotency-Key, and what to compare.</summary>
internal static class Retry
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static Task<HttpResponseMessage> PostWithKeyAsync(this HttpClient client, string url, object? body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = body is null ? null : JsonContent.Create(body, options: JsonSerializerOptions.Web),
        };
        request.Headers.TryAddWithoutValidation(KeyHeader, key);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRawWithKeyAsync(this HttpClient client, string url, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(KeyHeader, key);
        return client.SendAsync(request);
    }

    public static bool IsReplay(this HttpResponseMessage response) =>
        response.Headers.TryGetValues(ReplayedHeader, out var values) && values.SequenceEqual(["true"]);

    public static string NewKey() => Guid.NewGuid().ToString();
}
