using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Tests;

/// <summary>Each clerk action: its happy path, and every refusal (role, department, state, input) changing nothing.</summary>
public class ClerkActionTests
{
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private HttpClient Supervisor => _app.ClientAs(ClerkRoles.Supervisor, null, "boss");

    private async Task<(string CaseId, JsonNode Fire, JsonNode Case)> NewCase()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var fire = started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!;
        return ((string)started["id"]!, fire, started);
    }

    private async Task Refused(Func<Task<HttpResponseMessage>> call, HttpStatusCode status, string? field = null)
    {
        var before = await _app.CountAsync();
        var response = await call();
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        if (field is not null)
        {
            Assert.That(JsonNode.Parse(body)!["errors"]?[field], Is.Not.Null, body);
        }

        Assert.That(await _app.CountAsync(), Is.EqualTo(before), "a refused call wrote nothing");
    }

    private static async Task<JsonNode> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    [Test]
    public async Task Intake_without_required_materials_lists_everything_missing_at_once()
    {
        var before = await _app.CountAsync();
        var response = await _app.Window().PostJsonAsync("/api/cases", new { workflowId = "open-restaurant", applicant = Json.Applicant, materials = new[] { new { materialId = "id-card", provided = true } } });
        var body = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string)body["errors"]!["materials"]![0]!, Does.Contain("application").And.Contain("lease").And.Contain("floor-plan").And.Contain("health-certificates"));
        });
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Intake_with_a_corrupted_resident_id_names_applicant_id()
    {
        await Refused(() => _app.Window().PostJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant",
            applicant = new { kind = "person", id = "110105194912310021", name = "张三" },
            materials = Json.AllMaterials("open-restaurant"),
        }), HttpStatusCode.BadRequest, "applicant.id");
        await Refused(() => _app.Window().PostJsonAsync("/api/cases", new { workflowId = "open-restaurant", materials = Json.AllMaterials("open-restaurant") }), HttpStatusCode.BadRequest, "applicant");
    }

    [Test]
    public async Task An_organisation_with_a_valid_credit_code_may_apply_and_promise_a_deferrable_material()
    {
        var materials = Json.AllMaterials("open-restaurant").Where(m => !m.ToString()!.Contains("lease", StringComparison.Ordinal)).Append(new { materialId = "lease", provided = false, promisedBy = "2099-01-01" });
        var response = await _app.Window().PostJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant",
            applicant = new { kind = "organisation", id = "91350100M000100Y43", name = "福州某餐饮有限公司" },
            materials,
        });
        var body = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
            Assert.That((string)body["materialsOutstanding"]!["lease"]!, Is.EqualTo("2099-01-01"));
            Assert.That((int)body["visits"]!, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Claim_and_release()
    {
        var (_, fire, _) = await NewCase();
        var id = (string)fire["id"]!;
        await Refused(() => _app.Department("taxation").PostJsonAsync($"/api/tasks/{id}/claim", null), HttpStatusCode.Forbidden);
        await Refused(() => _app.Department("fire-rescue", "li").PostJsonAsync($"/api/tasks/{id}/release", null), HttpStatusCode.Conflict);

        var claimed = await Ok(_app.Department("fire-rescue", "wang").PostJsonAsync($"/api/tasks/{id}/claim", null));
        Assert.That((string)claimed["claimedBy"]!, Is.EqualTo("wang@fire-rescue"));
        await Refused(() => _app.Department("fire-rescue", "li").PostJsonAsync($"/api/tasks/{id}/claim", null), HttpStatusCode.Conflict);

        var released = await Ok(_app.Department("fire-rescue", "wang").PostJsonAsync($"/api/tasks/{id}/release", null));
        Assert.That((string)released["status"]!, Is.EqualTo("open"));
    }

    [Test]
    public async Task Supplement_round_trip_stops_the_clock_and_moves_the_due()
    {
        var (_, fire, _) = await NewCase();
        var id = (string)fire["id"]!;
        await Refused(() => _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/supplement-request", new { missing = Array.Empty<string>() }), HttpStatusCode.BadRequest, "missing");
        await Refused(() => _app.Department("taxation").PostJsonAsync($"/api/tasks/{id}/supplement-request", new { missing = new[] { "图纸" } }), HttpStatusCode.Forbidden);
        await Refused(() => _app.Window().PostJsonAsync($"/api/tasks/{id}/supplement-received", new { channel = "window" }), HttpStatusCode.Conflict);

        var stopped = await Ok(_app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/supplement-request", new { missing = new[] { "消防设计图纸", "疏散示意图" } }));
        Assert.Multiple(() =>
        {
            Assert.That((bool)stopped["clockStopped"]!, Is.True);
            Assert.That(stopped["missing"]!.AsArray().Select(m => (string)m!), Is.EqualTo(new[] { "消防设计图纸", "疏散示意图" }));
        });
        await Refused(() => _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/approve", new { }), HttpStatusCode.Conflict);
        await Refused(() => _app.Window().PostJsonAsync($"/api/tasks/{id}/supplement-received", new { channel = "fax" }), HttpStatusCode.BadRequest, "channel");

        var resumed = await Ok(_app.Window().PostJsonAsync($"/api/tasks/{id}/supplement-received", new { channel = "window" }));
        Assert.Multiple(() =>
        {
            Assert.That((bool)resumed["clockStopped"]!, Is.False);
            Assert.That((int)resumed["dueVersion"]!, Is.EqualTo(2));
        });
        await Refused(() => _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/supplement-request", new { missing = new[] { "再补" } }), HttpStatusCode.Conflict);
        await Ok(Supervisor.PostJsonAsync($"/api/tasks/{id}/allow-supplement-round", null));
        await Ok(_app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/supplement-request", new { missing = new[] { "再补" } }));
    }

    [Test]
    public async Task Suspend_and_resume_for_a_special_procedure()
    {
        var (_, fire, _) = await NewCase();
        var id = (string)fire["id"]!;
        await Refused(() => _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/suspend", new { kind = "party", reason = "x" }), HttpStatusCode.BadRequest, "kind");
        await Refused(() => _app.Department("taxation").PostJsonAsync($"/api/tasks/{id}/suspend", new { kind = "inspection", reason = "现场检查" }), HttpStatusCode.Forbidden);
        await Refused(() => _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/resume", null), HttpStatusCode.Conflict);

        var suspended = await Ok(_app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/suspend", new { kind = "inspection", reason = "现场检查" }));
        Assert.That(suspended["stops"]!.AsArray().Select(s => (string)s!), Is.EqualTo(new[] { "suspension" }));
        await Refused(() => _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/suspend", new { kind = "testing", reason = "检测" }), HttpStatusCode.Conflict);
        var resumed = await Ok(_app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/resume", null));
        Assert.That((bool)resumed["clockStopped"]!, Is.False);
    }

    [Test]
    public async Task Extend_a_task_and_the_case()
    {
        var (caseId, fire, _) = await NewCase();
        var id = (string)fire["id"]!;
        await Refused(() => _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/extend", new { workingDays = 1, reason = "复杂" }), HttpStatusCode.Forbidden);
        await Refused(() => Supervisor.PostJsonAsync($"/api/tasks/{id}/extend", new { workingDays = 1000, reason = "复杂" }), HttpStatusCode.BadRequest, "workingDays");
        await Refused(() => Supervisor.PostJsonAsync($"/api/tasks/{id}/extend", new { workingDays = 1 }), HttpStatusCode.BadRequest, "reason");

        var extended = await Ok(Supervisor.PostJsonAsync($"/api/tasks/{id}/extend", new { workingDays = 1, reason = "需要现场复核" }));
        Assert.That(DateTimeOffset.Parse((string)extended["due"]!["at"]!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(DateTimeOffset.Parse((string)fire["due"]!["at"]!, System.Globalization.CultureInfo.InvariantCulture)));
        var caseExtended = await Ok(Supervisor.PostJsonAsync($"/api/cases/{caseId}/extend", new { workingDays = 1, reason = "联合审查" }));
        Assert.That((string)caseExtended["status"]!, Is.EqualTo("running"));
    }

    [Test]
    public async Task Transfer_within_the_department()
    {
        var (_, fire, _) = await NewCase();
        var id = (string)fire["id"]!;
        await Refused(() => _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{id}/transfer", new { }), HttpStatusCode.BadRequest, "toUserId");
        await Refused(() => _app.Department("taxation").PostJsonAsync($"/api/tasks/{id}/transfer", new { toUserId = "li@fire-rescue" }), HttpStatusCode.Forbidden);
        var moved = await Ok(_app.Department("fire-rescue", "wang").PostJsonAsync($"/api/tasks/{id}/transfer", new { toUserId = "li@fire-rescue" }));
        Assert.That((string)moved["claimedBy"]!, Is.EqualTo("li@fire-rescue"));
        await Ok(_app.Department("fire-rescue", "li").PostJsonAsync($"/api/tasks/{id}/approve", new { result = "消防意见书 2026-001" }));
    }

    [Test]
    public async Task Withdraw_deliver_and_rate()
    {
        var (caseId, _, _) = await NewCase();
        await Refused(() => _app.Department("taxation").PostJsonAsync($"/api/cases/{caseId}/withdraw", new { reason = "不开了" }), HttpStatusCode.Forbidden);
        await Refused(() => _app.Window().PostJsonAsync($"/api/cases/{caseId}/withdraw", new { }), HttpStatusCode.BadRequest, "reason");
        await Refused(() => _app.Window().PostJsonAsync($"/api/cases/{caseId}/deliver", new { method = "pickup" }), HttpStatusCode.Conflict);
        await Refused(() => _app.Window().PostJsonAsync($"/api/cases/{caseId}/rating", new { score = 5 }), HttpStatusCode.Conflict);
        var withdrawn = await Ok(_app.Window().PostJsonAsync($"/api/cases/{caseId}/withdraw", new { reason = "不开了" }));
        Assert.That((string)withdrawn["status"]!, Is.EqualTo("withdrawn"));
        await Refused(() => _app.Window().PostJsonAsync($"/api/cases/{caseId}/withdraw", new { reason = "again" }), HttpStatusCode.Conflict);

        var (done, _, started) = await NewCase();
        foreach (var task in started["tasks"]!.AsArray())
        {
            await Ok(_app.Department((string)task!["department"]!).PostJsonAsync($"/api/tasks/{(string)task["id"]!}/approve", new { }));
        }

        await Refused(() => _app.Department("taxation").PostJsonAsync($"/api/cases/{done}/deliver", new { method = "pickup" }), HttpStatusCode.Forbidden);
        await Refused(() => _app.Window().PostJsonAsync($"/api/cases/{done}/deliver", new { method = "express" }), HttpStatusCode.BadRequest, "trackingNumber");
        var delivered = await Ok(_app.Window().PostJsonAsync($"/api/cases/{done}/deliver", new { method = "express", trackingNumber = "SF1234567890" }));
        Assert.That((int)delivered["visits"]!, Is.EqualTo(1), "express delivery is not a visit");
        await Refused(() => _app.Window().PostJsonAsync($"/api/cases/{done}/rating", new { score = 0 }), HttpStatusCode.BadRequest, "score");
        var rated = await Ok(_app.Window().PostJsonAsync($"/api/cases/{done}/rating", new { score = 5, comment = "一次办好" }));
        Assert.That((int)rated["rating"]!["score"]!, Is.EqualTo(5));
    }

    [Test]
    public async Task Promised_materials_are_received_at_the_window()
    {
        var materials = Json.AllMaterials("open-restaurant").Where(m => !m.ToString()!.Contains("lease", StringComparison.Ordinal)).Append(new { materialId = "lease", provided = false, promisedBy = "2099-01-01" });
        var started = await (await _app.Window().PostJsonAsync("/api/cases", new { workflowId = "open-restaurant", applicant = Json.Applicant, materials })).ReadJsonAsync();
        var caseId = (string)started["id"]!;
        await Refused(() => _app.Window().PostJsonAsync($"/api/cases/{caseId}/materials/id-card/received", new { channel = "window" }), HttpStatusCode.Conflict);
        await Refused(() => _app.Department("taxation").PostJsonAsync($"/api/cases/{caseId}/materials/lease/received", new { channel = "window" }), HttpStatusCode.Forbidden);
        var received = await Ok(_app.Window().PostJsonAsync($"/api/cases/{caseId}/materials/lease/received", new { channel = "window" }));
        Assert.Multiple(() =>
        {
            Assert.That(received["materialsOutstanding"]!.AsObject(), Is.Empty);
            Assert.That((int)received["visits"]!, Is.EqualTo(2));
        });
    }
}
