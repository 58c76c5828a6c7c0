using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Idempotency;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.FollowUps;

/// <summary>
/// Approval on commitment (告知承诺制) through HTTP: intake with a commitment, delivery while the
/// verification (核查) is open, the verification after delivery in the department's inbox, its
/// revocation (撤销) card, and the rectification (差评整改) of a bad rating closed by the follow-up (回访).
/// The credit file lists one applicant; its own tests cover the file and HTTP lists.
/// </summary>
public class FollowUpApiTests
{
    /// <summary>A Monday, 10:00 in the service centre.</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));

    private ApprovalApp _app = null!;
    private string _listFile = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _listFile = Path.Combine(Path.GetTempPath(), $"dishonesty-{Guid.NewGuid():N}.csv");
        File.WriteAllText(_listFile, "id,name\n91350100M000100Y43,某失信企业\n");
        _app = new ApprovalApp(new() { ["Credit:Source"] = "file", ["Credit:File"] = _listFile }, new FakeTimeProvider(Now));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app.Dispose();
        File.Delete(_listFile);
    }

    private HttpClient Supervisor => _app.ClientAs(ClerkRoles.Supervisor, null, "boss");

    private static object Commitment(string stepId = "outdoor-sign") => new { stepId, signedBy = "张三", signedAt = Now.AddHours(-1) };

    private async Task<JsonNode> StartCommitted(object? applicant = null)
    {
        var response = await _app.Window().PostJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant",
            applicant = applicant ?? Json.Applicant,
            data = new { hasOutdoorSign = true },
            materials = Json.AllMaterials("open-restaurant"),
            commitments = new[] { Commitment() },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static JsonNode Verification(JsonNode view) => view["tasks"]!.AsArray().Single(t => (string)t!["kind"]! == "verification")!;

    private async Task<JsonNode> Deliver(JsonNode started)
    {
        foreach (var task in started["tasks"]!.AsArray().Where(t => (string)t!["kind"]! == "approval" && (string)t["status"]! == "open"))
        {
            var approved = await _app.Department((string)task!["department"]!).PostJsonAsync($"/api/tasks/{task["id"]}/approve", new { result = "OK" });
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approved.Content.ReadAsStringAsync());
        }

        var delivered = await _app.Window().PostJsonAsync($"/api/cases/{started["id"]}/deliver", new { method = "pickup" });
        Assert.That(delivered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delivered.Content.ReadAsStringAsync());
        return await delivered.ReadJsonAsync();
    }

    private async Task<JsonNode> Problem(HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        var body = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body.ToJsonString());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That((string?)body["code"], Is.EqualTo(code), body.ToJsonString());
            if (field is not null)
            {
                Assert.That(body["errors"]?[field], Is.Not.Null, body.ToJsonString());
            }
        });
        return body;
    }

    [Test]
    public async Task A_committed_item_is_approved_at_intake_and_verified_after_delivery_from_the_inbox()
    {
        var started = await StartCommitted();
        var signage = started["tasks"]!.AsArray().Single(t => (string)t!["stepId"]! == "outdoor-sign" && (string)t["kind"]! == "approval")!;
        var verification = Verification(started);
        Assert.Multiple(() =>
        {
            Assert.That((string?)signage["status"], Is.EqualTo("approved"));
            Assert.That((string?)verification["department"], Is.EqualTo("urban-management"));
            Assert.That((string?)started["commitments"]![0]!["verification"], Is.EqualTo("open"));
            Assert.That((string?)started["credit"], Is.EqualTo("clear"), "the file list was consulted");
        });

        var delivered = await Deliver(started);
        Assert.That((string?)delivered["status"], Is.EqualTo("completed"));

        var inbox = await (await _app.Department("urban-management").GetAsync("/api/tasks?department=urban-management")).ReadJsonAsync();
        var row = inbox["items"]!.AsArray().SingleOrDefault(t => (string?)t!["id"] == (string?)verification["id"]);
        Assert.That((string?)row?["kind"], Is.EqualTo("verification"), "the open verification stays in the inbox after delivery, with its kind");

        var url = $"/api/tasks/{verification["id"]}/verification";
        var key = Retry.NewKey();
        var first = await _app.Department("urban-management").PostWithKeyAsync(url, new { passed = false, finding = "招牌尺寸与承诺不符" }, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        var again = await _app.Department("urban-management").PostWithKeyAsync(url, new { passed = false, finding = "招牌尺寸与承诺不符" }, key);
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), firstBody);
            Assert.That((string?)JsonNode.Parse(firstBody)!["status"], Is.EqualTo("rejected"));
            Assert.That(again.IsReplay(), Is.True);
            Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
        });

        var view = await (await Supervisor.GetAsync($"/api/cases/{started["id"]}")).ReadJsonAsync();
        var cards = await (await Supervisor.GetAsync("/api/supervision/cards?level=revocation")).ReadJsonAsync();
        var events = await (await Supervisor.GetAsync($"/api/cases/{started["id"]}/events")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That((string?)view["revocations"]![0]!["stepId"], Is.EqualTo("outdoor-sign"));
            Assert.That((bool?)view["commitments"]![0]!["revoked"], Is.True);
            Assert.That((string?)view["commitments"]![0]!["verification"], Is.EqualTo("failed"));
            Assert.That(cards["items"]!.AsArray().Select(c => (string?)c!["taskId"]), Does.Contain((string?)verification["id"]), "the revocation is carded");
            Assert.That(events.AsArray().Count(e => (string?)e!["type"] == "item-revoked"), Is.EqualTo(1), "audited once, the replay added nothing");
        });
    }

    [Test]
    public async Task Verification_refusals_are_problems_naming_the_field()
    {
        var started = await StartCommitted();
        var verification = Verification(started);
        var url = $"/api/tasks/{verification["id"]}/verification";
        var fire = started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!;
        var before = await _app.CountAsync();

        await Problem(await _app.Department("urban-management").PostJsonAsync(url, new { finding = "x" }), HttpStatusCode.BadRequest, RefusalCodes.PassedRequired, "passed");
        await Problem(await _app.Department("urban-management").PostJsonAsync(url, new { passed = false }), HttpStatusCode.BadRequest, RefusalCodes.FindingRequired, "finding");
        await Problem(await _app.Department("fire-rescue").PostJsonAsync(url, new { passed = true }), HttpStatusCode.Forbidden, RefusalCodes.OtherDepartment);
        await Problem(await _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{fire["id"]}/verification", new { passed = true }), HttpStatusCode.Conflict, RefusalCodes.NotVerification);
        await Problem(await _app.Department("urban-management").PostJsonAsync($"/api/tasks/{verification["id"]}/approve", new { }), HttpStatusCode.Conflict, RefusalCodes.TaskKind);
        await Problem(await _app.Department("urban-management").PostJsonAsync($"/api/tasks/{Guid.NewGuid()}/verification", new { passed = true }), HttpStatusCode.NotFound, RefusalCodes.TaskNotFound);
        Assert.That(await _app.CountAsync(), Is.EqualTo(before), "refusals change nothing");
    }

    [Test]
    public async Task Intake_refuses_a_bad_commitment_and_a_listed_applicant_by_rule_and_field()
    {
        var before = await _app.CountAsync();
        var notOffered = await _app.Window().PostJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant", applicant = Json.Applicant, data = new { hasOutdoorSign = true }, materials = Json.AllMaterials("open-restaurant"),
            commitments = new[] { Commitment("fire-safety"), new { stepId = "outdoor-sign", signedBy = "", signedAt = Now.AddDays(1) } },
        });
        var body = await Problem(notOffered, HttpStatusCode.BadRequest, RefusalCodes.NotOnCommitment, "commitments[0].stepId");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "commitments[1].signedBy", "commitments[1].signedAt" }));

        var listed = new { kind = "organisation", id = "91350100M000100Y43", name = "某失信企业" };
        var refused = await _app.Window().PostJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant", applicant = listed, data = new { hasOutdoorSign = true }, materials = Json.AllMaterials("open-restaurant"),
            commitments = new[] { Commitment() },
        });
        var credit = await Problem(refused, HttpStatusCode.BadRequest, RefusalCodes.DishonestCommitment, "commitments[0]");
        Assert.That((string?)credit["detail"], Does.Contain("失信名单"));
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_bad_rating_opens_a_rectification_in_the_named_department_closed_by_the_follow_up()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        await Deliver(started);
        var rated = await _app.Window().PostJsonAsync($"/api/cases/{started["id"]}/rating", new { score = 2, comment = "等候太久", department = "fire-rescue" });
        var view = await rated.ReadJsonAsync();
        Assert.That(rated.StatusCode, Is.EqualTo(HttpStatusCode.OK), view.ToJsonString());
        var task = view["tasks"]!.AsArray().Single(t => (string)t!["kind"]! == "rectification")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)task["department"], Is.EqualTo("fire-rescue"));
            Assert.That(DateTimeOffset.Parse((string)task["due"]!["at"]!), Is.GreaterThan(Now.AddDays(13)), "10 working days by default");
        });

        var inbox = await (await _app.Department("fire-rescue").GetAsync("/api/tasks")).ReadJsonAsync();
        Assert.That((string?)inbox["items"]!.AsArray().SingleOrDefault(t => (string?)t!["id"] == (string?)task["id"])?["kind"], Is.EqualTo("rectification"));

        var url = $"/api/tasks/{task["id"]}/follow-up";
        await Problem(await _app.Department("fire-rescue").PostJsonAsync(url, new { outcome = "satisfied" }), HttpStatusCode.Forbidden, RefusalCodes.WindowOrSupervisor);
        await Problem(await _app.Window().PostJsonAsync(url, new { outcome = "fine" }), HttpStatusCode.BadRequest, RefusalCodes.FollowUpOutcome, "outcome");
        await Problem(await _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{task["id"]}/verification", new { passed = true }), HttpStatusCode.Conflict, RefusalCodes.NotVerification);

        var key = Retry.NewKey();
        var first = await _app.Window().PostWithKeyAsync(url, new { outcome = "satisfied", note = "已电话回访" }, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        var again = await _app.Window().PostWithKeyAsync(url, new { outcome = "satisfied", note = "已电话回访" }, key);
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), firstBody);
            Assert.That((string?)JsonNode.Parse(firstBody)!["result"], Is.EqualTo("satisfied"));
            Assert.That(again.IsReplay(), Is.True);
            Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
        });

        var closed = await (await _app.Department("fire-rescue").GetAsync("/api/tasks?status=closed")).ReadJsonAsync();
        Assert.That(closed["items"]!.AsArray().Select(t => (string?)t!["id"]), Does.Contain((string?)task["id"]));
    }

    [Test]
    public async Task A_rating_naming_a_department_outside_the_case_is_refused_under_department()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        await Deliver(started);
        await Problem(await _app.Window().PostJsonAsync($"/api/cases/{started["id"]}/rating", new { score = 1, department = "urban-management" }),
            HttpStatusCode.BadRequest, RefusalCodes.DepartmentNotInCase, "department");
    }
}
