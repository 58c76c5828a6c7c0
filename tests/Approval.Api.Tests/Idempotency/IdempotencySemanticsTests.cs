using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;

namespace Approval.Api.Tests.Idempotency;

/// <summary>What a key means beyond a plain retry: reuse, races, refusals, bad keys, scoping and release.</summary>
public class IdempotencySemanticsTests
{
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private static object Intake(bool hasOutdoorSign = false) =>
        new { workflowId = "open-restaurant", applicant = Json.Applicant, data = new { hasOutdoorSign }, materials = Json.AllMaterials("open-restaurant") };

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        Assert.That((string?)JsonNode.Parse(body)!["code"], Is.EqualTo(code), body);
    }

    [Test]
    public async Task A_key_reused_with_a_different_body_or_path_is_422_and_runs_nothing()
    {
        var window = _app.Window();
        var key = Retry.NewKey();
        Assert.That((await window.PostWithKeyAsync("/api/cases", Intake(), key)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var before = await _app.CountAsync();

        await AssertProblem(await window.PostWithKeyAsync("/api/cases", Intake(hasOutdoorSign: true), key), HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        await AssertProblem(await window.PostWithKeyAsync($"/api/cases/{Guid.NewGuid()}/withdraw", new { reason = "x" }, key), HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Two_identical_calls_at_once_have_one_effect([Range(1, 5)] int round)
    {
        var key = Retry.NewKey();
        var before = await _app.CountAsync();
        var window = _app.Window();
        var responses = await Task.WhenAll(window.PostWithKeyAsync("/api/cases", Intake(), key), window.PostWithKeyAsync("/api/cases", Intake(), key));

        Assert.That((await _app.CountAsync()).Cases, Is.EqualTo(before.Cases + 1), "exactly one case");
        var fresh = responses.Where(r => !r.IsReplay() && r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.That(fresh, Has.Count.EqualTo(1), "exactly one call ran");
        var other = responses.Single(r => r != fresh[0]);
        if (other.StatusCode == HttpStatusCode.Conflict)
        {
            await AssertProblem(other, HttpStatusCode.Conflict, "idempotency-key-in-flight");
            Assert.That(other.Headers.RetryAfter, Is.Not.Null);
        }
        else
        {
            Assert.Multiple(async () =>
            {
                Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Created));
                Assert.That(other.IsReplay(), Is.True);
                Assert.That(await other.Content.ReadAsStringAsync(), Is.EqualTo(await fresh[0].Content.ReadAsStringAsync()));
            });
        }
    }

    [Test]
    public async Task A_refused_call_replays_its_refusal_even_after_the_refusal_no_longer_holds()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var fire = (string)started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!["id"]!;
        var wang = _app.Department("fire-rescue", "wang");
        var li = _app.Department("fire-rescue", "li");
        Assert.That((await wang.PostJsonAsync($"/api/tasks/{fire}/claim", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var key = Retry.NewKey();
        var refused = await li.PostWithKeyAsync($"/api/tasks/{fire}/claim", null, key);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "wang holds the task");
        Assert.That((await wang.PostJsonAsync($"/api/tasks/{fire}/release", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var before = await _app.CountAsync();
        var again = await li.PostWithKeyAsync($"/api/tasks/{fire}/claim", null, key);
        Assert.Multiple(async () =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "the stored refusal, not a fresh claim");
            Assert.That(again.IsReplay(), Is.True);
            Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(await refused.Content.ReadAsStringAsync()));
            Assert.That(await _app.CountAsync(), Is.EqualTo(before));
        });
    }

    [TestCase(" ")]
    [TestCase("键")]
    [TestCase("tab\there")]
    public async Task A_malformed_key_is_a_400_naming_the_header(string key)
    {
        var before = await _app.CountAsync();
        var response = await _app.Window().PostWithKeyAsync("/api/cases", Intake(), key);
        await AssertProblem(response, HttpStatusCode.BadRequest, "idempotency-key-invalid");
        Assert.That((await response.ReadJsonAsync())["errors"]?["Idempotency-Key"], Is.Not.Null);
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_key_of_101_characters_is_refused_and_of_100_accepted()
    {
        await AssertProblem(await _app.Window().PostWithKeyAsync("/api/cases", Intake(), new string('k', 101)), HttpStatusCode.BadRequest, "idempotency-key-invalid");
        var key = new string('k', 99) + "~";
        Assert.That((await _app.Window().PostWithKeyAsync("/api/cases", Intake(), key)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await _app.Window().PostWithKeyAsync("/api/cases", Intake(), key)).IsReplay(), Is.True);
    }

    [Test]
    public async Task Keys_are_scoped_by_user()
    {
        var key = Retry.NewKey();
        var before = await _app.CountAsync();
        var a = await _app.ClientAs("window-clerk", "window", "zhao").PostWithKeyAsync("/api/cases", Intake(), key);
        var b = await _app.ClientAs("window-clerk", "window", "qian").PostWithKeyAsync("/api/cases", Intake(), key);
        Assert.Multiple(async () =>
        {
            Assert.That(new[] { a.StatusCode, b.StatusCode }, Is.All.EqualTo(HttpStatusCode.Created));
            Assert.That(b.IsReplay(), Is.False);
            Assert.That((await _app.CountAsync()).Cases, Is.EqualTo(before.Cases + 2));
        });
    }

    [Test]
    public async Task Without_a_key_every_call_runs()
    {
        var before = await _app.CountAsync();
        var first = await _app.Window().PostJsonAsync("/api/cases", Intake());
        var second = await _app.Window().PostJsonAsync("/api/cases", Intake());
        Assert.Multiple(async () =>
        {
            Assert.That(new[] { first.StatusCode, second.StatusCode }, Is.All.EqualTo(HttpStatusCode.Created));
            Assert.That(second.IsReplay(), Is.False);
            Assert.That((await _app.CountAsync()).Cases, Is.EqualTo(before.Cases + 2));
        });
    }

    [Test]
    public async Task A_call_that_threw_releases_its_key_so_the_corrected_retry_runs()
    {
        var key = Retry.NewKey();
        var malformed = await _app.Window().PostRawWithKeyAsync("/api/cases", "{\"workflowId\": ", key);
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the malformed body throws in binding");

        var retried = await _app.Window().PostWithKeyAsync("/api/cases", Intake(), key);
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retried.Content.ReadAsStringAsync());
        Assert.That(retried.IsReplay(), Is.False);
    }

    [Test]
    public async Task Reads_ignore_the_key()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{(string)started["id"]!}");
        request.Headers.Add(Retry.KeyHeader, new string('k', 101));
        var response = await _app.Window().SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
