using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Approval.Supervision.Channels;

namespace Approval.Reliability.Tests;

/// <summary>
/// A supervision centre's webhook receiver on loopback, as a real one is told to build it: checks
/// every alert's HMAC signature (<see cref="WebhookSignature.Verify"/>), de-duplicates by event id,
/// answers 2xx. It counts what arrived, twice-arrived and badly signed. <see cref="Hold"/> makes it
/// take alerts in but keep the answer back, so a node killed meanwhile dies mid-send.
/// </summary>
internal sealed class AlertReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _secret;
    private readonly ConcurrentDictionary<Guid, int> _received = new();
    private readonly ConcurrentDictionary<Guid, TimeSpan> _firstAt = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;
    private volatile TaskCompletionSource _release = Released();
    private int _requests;
    private int _badSignatures;
    private int _held;

    private AlertReceiver(string secret, int port)
    {
        _secret = secret;
        Url = new Uri($"http://127.0.0.1:{port}/alerts");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Url { get; }

    /// <summary>Every POST that reached the receiver, well signed or not, duplicates included.</summary>
    public int Requests => _requests;

    /// <summary>POSTs whose signature did not verify (refused with 401, not counted as received).</summary>
    public int BadSignatures => _badSignatures;

    /// <summary>Well-signed POSTs of an event id that had arrived before: what de-duplication absorbs.</summary>
    public int Duplicates => _received.Values.Sum(n => n - 1);

    /// <summary>Alerts taken in while <see cref="Hold"/> kept their answers back.</summary>
    public int Held => _held;

    public IReadOnlyCollection<Guid> EventIds => [.. _received.Keys];

    /// <summary>When, on the receiver's stopwatch, each event id first arrived.</summary>
    public IReadOnlyDictionary<Guid, TimeSpan> FirstArrivals => _firstAt;

    public TimeSpan Now => _clock.Elapsed;

    public static AlertReceiver Start(string secret)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new AlertReceiver(secret, port);
    }

    /// <summary>From now on, take alerts in (and count them) but do not answer until <see cref="Release"/>.</summary>
    public void Hold() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    /// <summary>Waits until at least one alert is being held, or <paramref name="patience"/> passed; returns how many are.</summary>
    public async Task<int> WaitHeldAsync(TimeSpan patience)
    {
        var until = _clock.Elapsed + patience;
        while (_held == 0 && _clock.Elapsed < until)
        {
            await Task.Delay(50);
        }

        return _held;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private static TaskCompletionSource Released()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            Interlocked.Increment(ref _requests);
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, System.Text.Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var headers = context.Request.Headers;
            var signed = WebhookSignature.Verify(_secret, headers[WebhookSignature.TimestampHeader] ?? "", body, headers[WebhookSignature.SignatureHeader] ?? "");
            // The header and the signed body must name the same event, or de-duplicating on the header could be fooled.
            if (!signed || !Guid.TryParse(headers[WebhookSignature.EventIdHeader], out var eventId)
                || (string?)JsonNode.Parse(body)?["eventId"] != eventId.ToString())
            {
                Interlocked.Increment(ref _badSignatures);
                context.Response.StatusCode = 401;
                context.Response.Close();
                return;
            }

            _firstAt.TryAdd(eventId, _clock.Elapsed);
            _received.AddOrUpdate(eventId, 1, (_, n) => n + 1);
            var release = _release.Task;
            if (!release.IsCompleted)
            {
                Interlocked.Increment(ref _held);
                await release;
            }

            context.Response.StatusCode = 204;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The sender died while its answer was held back: that is the fault under test.
        }
    }
}
