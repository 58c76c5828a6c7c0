using System.Net;
using System.Text.Json;
using Approval.Engine.Cases.Commands;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Api.Credit;

/// <summary>
/// The dishonesty list behind an HTTP lookup: <c>GET {Url}/{id}?kind=person|organisation</c>
/// answering <c>200 {"listed": true|false}</c>, or <c>404</c> for an identifier it does not list.
/// Anything else — a timeout (<see cref="CreditOptions.Timeout"/>), a network error, another
/// status, a body without <c>listed</c> — is <see cref="CreditStanding.Unknown"/>, on which the
/// engine refuses approval on commitment (fail closed) and allows deferral (fail open).
/// </summary>
/// <remarks>Thread safe; the <see cref="HttpClient"/> comes from <see cref="IHttpClientFactory"/>.</remarks>
public sealed class HttpDishonestyList(IHttpClientFactory clients, IOptions<CreditOptions> options, ILogger<HttpDishonestyList> logger) : IDishonestyList
{
    public const string HttpClientName = "approval-dishonesty-list";

    public async Task<CreditStanding> LookUpAsync(string kind, string id, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = $"{settings.Url!.TrimEnd('/')}/{Uri.EscapeDataString(CreditIdentifiers.Normalise(id))}?kind={Uri.EscapeDataString(kind)}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(url, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return CreditStanding.Clear;
            }

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Dishonesty list lookup answered {Status}; the applicant's credit is unknown.", (int)response.StatusCode);
                return CreditStanding.Unknown;
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("listed", out var listed) && listed.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? listed.GetBoolean() ? CreditStanding.Listed : CreditStanding.Clear
                : CreditStanding.Unknown;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Dishonesty list lookup failed or timed out after {Timeout}; the applicant's credit is unknown.", settings.Timeout);
            return CreditStanding.Unknown;
        }
    }
}
