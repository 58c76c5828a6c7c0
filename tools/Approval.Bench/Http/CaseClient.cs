using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Approval.Bench.Http;

/// <summary>
/// One simulated clerk desk: drives cases through the HTTP API as clerks would — intake at the window,
/// each department approves its own task, the window delivers by pickup — recording every request.
/// </summary>
/// <param name="idempotencyKeys">Send a fresh Idempotency-Key with every request (what a retrying client does; costs the service a key write).</param>
public sealed class CaseClient(HttpClient http, ClerkTokens tokens, byte[] intakeBody, bool idempotencyKeys = false)
{
    private static readonly byte[] ApproveBody = """{"result":"ok"}"""u8.ToArray();
    private static readonly byte[] DeliverBody = """{"method":"pickup"}"""u8.ToArray();

    public LatencyRecorder Latencies { get; } = new();

    public long Requests { get; private set; }

    public long CompletedCases { get; private set; }

    public long Errors { get; private set; }

    public List<string> ErrorSamples { get; } = [];

    /// <summary>Every case this client drove to completion, warm-up included: what the effects check expects in the database.</summary>
    public List<Guid> DeliveredCases { get; } = [];

    /// <summary>Requests sent with an Idempotency-Key that got an answer, warm-up included.</summary>
    public long KeyedAnswers { get; private set; }

    private volatile bool _recording;

    /// <summary>While false (warm-up), requests run but nothing is counted.</summary>
    public bool Recording { get => _recording; set => _recording = value; }

    /// <summary>
    /// Runs cases until <paramref name="stop"/> fires or <paramref name="maxCases"/> are complete. A case
    /// begun before <paramref name="stop"/> is finished (so the database holds no half-driven case
    /// for the effects check), unless <paramref name="abort"/> fires too.
    /// </summary>
    public async Task RunAsync(long maxCases, CancellationToken stop, CancellationToken abort)
    {
        while (!stop.IsCancellationRequested && CompletedCases < maxCases)
        {
            try
            {
                if (await RunCaseAsync(abort) && Recording)
                {
                    CompletedCases++;
                }
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return; // the run was cut short mid-case: not an error
            }
        }
    }

    private async Task<bool> RunCaseAsync(CancellationToken stop)
    {
        using var started = await SendAsync("/api/cases", intakeBody, tokens.Window, HttpStatusCode.Created, stop);
        if (started is null)
        {
            return false;
        }

        var root = started.RootElement;
        var caseId = root.GetProperty("id").GetString();
        var tasks = root.GetProperty("tasks").EnumerateArray()
            .Select(t => (Id: t.GetProperty("id").GetString(), Department: t.GetProperty("department").GetString()!))
            .ToList();
        foreach (var (id, department) in tasks)
        {
            using var approved = await SendAsync($"/api/tasks/{id}/approve", ApproveBody, tokens.Department(department), HttpStatusCode.OK, stop);
            if (approved is null)
            {
                return false;
            }
        }

        using var delivered = await SendAsync($"/api/cases/{caseId}/deliver", DeliverBody, tokens.Window, HttpStatusCode.OK, stop);
        if (delivered is null)
        {
            return false;
        }

        if (delivered.RootElement.GetProperty("status").GetString() != "completed")
        {
            Fail($"case {caseId} delivered but not completed");
            return false;
        }

        DeliveredCases.Add(Guid.Parse(caseId!));
        return true;
    }

    private async Task<JsonDocument?> SendAsync(string path, byte[] body, string token, HttpStatusCode expected, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKeys)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, stop);
            var bytes = await response.Content.ReadAsByteArrayAsync(stop);
            clock.Stop();
            if (idempotencyKeys)
            {
                KeyedAnswers++;
            }

            if (Recording)
            {
                Latencies.Record(clock.Elapsed);
                Requests++;
            }

            if (response.StatusCode != expected)
            {
                Fail($"POST {path} → {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 300)))}");
                return null;
            }

            return JsonDocument.Parse(bytes);
        }
        catch (HttpRequestException ex)
        {
            Fail($"POST {path}: {ex.Message}");
            return null;
        }
    }

    private void Fail(string message)
    {
        // Counted during warm-up too: a failure then is still a failure of the service.
        Errors++;
        if (ErrorSamples.Count < 5)
        {
            ErrorSamples.Add(message);
        }
    }
}
