using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Approval.Supervision.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver (Kestrel on 127.0.0.1, a free port) that answers 503 to the first
/// <see cref="RefuseFirst"/> requests and 200 after, recording every request it saw.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _seen;

    public sealed record Request(int Status, string Body, string? EventId, string? Timestamp, string? Signature, string? Kind);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>How many requests are refused before the receiver starts to accept; may be changed while running.</summary>
    public int RefuseFirst { get; set; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public string Url { get; private set; } = "";

    public IEnumerable<Request> Accepted => Requests.Where(r => r.Status == 200);

    public static async Task<WebhookReceiver> StartAsync(int refuseFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { RefuseFirst = refuseFirst };
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Increment(ref receiver._seen) <= receiver.RefuseFirst ? 503 : 200;
            receiver.Requests.Enqueue(new Request(status, body, request.Headers["X-Approval-Event-Id"], request.Headers["X-Approval-Timestamp"],
                request.Headers["X-Approval-Signature"], request.Headers["X-Approval-Kind"]));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
