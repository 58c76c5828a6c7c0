using System.Net;
using System.Net.Http.Headers;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Approval.Api.Tests.Idempotency;

/// <summary>
/// Replays and in-flight retries are normal work: they must not log at Error (issue 12, finding 5:
/// each replay logged EF's failed-save error with a stack trace). And an answer stored with the
/// effect must be byte for byte what the endpoint answered, or the middleware warns.
/// </summary>
public class QuietReplayTests
{
    private readonly CapturedLogs _logs = new();
    private ApprovalApp _app = null!;
    private WebApplicationFactory<Program> _logged = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _app = new ApprovalApp();
        _logged = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(_logs)));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _logged.Dispose();
        _app.Dispose();
    }

    [SetUp]
    public void ClearLogs() => _logs.Clear();

    private HttpClient As(string role, string? department, string user)
    {
        var client = _logged.CreateClient();
        var token = _logged.Services.GetRequiredService<TokenIssuer>().Issue(new Clerk($"{user}@{department ?? role}", user, [role], department));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static object Intake() =>
        new { workflowId = "open-restaurant", applicant = Json.Applicant, data = new { hasOutdoorSign = false }, materials = Json.AllMaterials("open-restaurant") };

    [Test]
    public async Task A_replay_logs_nothing_at_error_or_above()
    {
        var window = As(ClerkRoles.WindowClerk, "window", "window");
        var key = Retry.NewKey();
        var first = await window.PostWithKeyAsync("/api/cases", Intake(), key);
        var again = await window.PostWithKeyAsync("/api/cases", Intake(), key);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(again.IsReplay(), Is.True);
        Assert.That(_logs.AtLeast(LogLevel.Error), Is.Empty);
    }

    [Test]
    public async Task Racing_retries_of_one_key_log_nothing_at_error_or_above([Range(1, 3)] int round)
    {
        var window = As(ClerkRoles.WindowClerk, "window", "window");
        var key = Retry.NewKey();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => window.PostWithKeyAsync("/api/cases", Intake(), key)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created && !r.IsReplay()), Is.EqualTo(1));
        Assert.That(_logs.AtLeast(LogLevel.Error), Is.Empty);
    }

    [Test]
    public async Task Every_command_route_stores_with_its_effect_exactly_what_its_endpoint_answers()
    {
        var window = As(ClerkRoles.WindowClerk, "window", "window");
        var started = await window.PostWithKeyAsync("/api/cases", Intake(), Retry.NewKey());
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var @case = await started.ReadJsonAsync();
        var caseId = (string)@case["id"]!;
        var fire = (string)@case["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!["id"]!;
        var clerk = As(ClerkRoles.DepartmentClerk, "fire-rescue", "wang");

        var claim = await clerk.PostWithKeyAsync($"/api/tasks/{fire}/claim", null, Retry.NewKey());
        var approve = await clerk.PostWithKeyAsync($"/api/tasks/{fire}/approve", new { comment = "ok" }, Retry.NewKey());
        var withdraw = await window.PostWithKeyAsync($"/api/cases/{caseId}/withdraw", new { reason = "applicant asked" }, Retry.NewKey());

        Assert.Multiple(() =>
        {
            Assert.That(claim.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(approve.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(withdraw.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_logs.AtLeast(LogLevel.Warning).Where(e => e.Category.StartsWith("Approval.Api.Idempotency", StringComparison.Ordinal)), Is.Empty);
        });
    }
}
