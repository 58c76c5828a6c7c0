using System.Net;
using Approval.Api.Tests.Infrastructure;

namespace Approval.Api.Tests;

/// <summary>One 一件事 end to end through the API on the embedded default.</summary>
public class FoundationTests
{
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    [Test]
    public async Task Health_answers_without_a_token()
    {
        var response = await _app.CreateClient().GetAsync("/health");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_shipped_bundles_are_published_at_start_up()
    {
        var body = await (await _app.Window().GetAsync("/api/workflows")).ReadJsonAsync();
        var ids = body["workflows"]!.AsArray().Select(w => (string)w!["id"]!).ToList();
        Assert.That(ids, Does.Contain("open-restaurant").And.Contain("company-setup"));
    }

    [Test]
    public async Task Concurrent_approvals_of_every_department_complete_the_case_with_one_join([Range(1, 50)] int round)
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = true, seats = 40 });
        var caseId = (string)started["id"]!;
        var tasks = started["tasks"]!.AsArray();
        Assert.That(tasks, Has.Count.GreaterThanOrEqualTo(4));

        var approvals = tasks.Select(async t =>
        {
            var client = _app.Department((string)t!["department"]!, "clerk-" + (string)t["stepId"]!);
            return await client.PostJsonAsync($"/api/tasks/{(string)t["id"]!}/approve", new { result = "OK" });
        });
        var responses = await Task.WhenAll(approvals);
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));

        var events = (await (await _app.Window().GetAsync($"/api/cases/{caseId}/events")).ReadJsonAsync()).AsArray();
        Assert.That(events.Count(e => (string)e!["type"]! == "join-completed"), Is.EqualTo(1));

        var delivered = await _app.Window().PostJsonAsync($"/api/cases/{caseId}/deliver", new { method = "pickup" });
        Assert.That(delivered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delivered.Content.ReadAsStringAsync());
        var done = await (await _app.Window().GetAsync($"/api/cases/{caseId}")).ReadJsonAsync();
        events = (await (await _app.Window().GetAsync($"/api/cases/{caseId}/events")).ReadJsonAsync()).AsArray();
        Assert.Multiple(() =>
        {
            Assert.That((string)done["status"]!, Is.EqualTo("completed"));
            Assert.That(events.Count(e => (string)e!["type"]! == "case-completed"), Is.EqualTo(1));
            Assert.That(events.Select(e => (int)e!["sequence"]!), Is.EqualTo(Enumerable.Range(1, events.Count)));
        });
    }
}
