using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests.Idempotency;

/// <summary>
/// Every mutating endpoint, retried under the same Idempotency-Key: the retry answers the first
/// response verbatim, marked <c>Idempotent-Replayed: true</c>, and changes nothing.
/// </summary>
public class EveryMutatingEndpointTests
{
    // The mutating routes this file retries. The last test fails when the API grows a mutating
    // route that is not here, so a new action cannot skip this proof.
    private static readonly string[] Covered =
    [
        "POST /api/workflows",
        "POST /api/workflows/import/elsa",
        "POST /api/cases",
        "POST /api/cases/{caseId:guid}/deliver",
        "POST /api/cases/{caseId:guid}/materials/{materialId}/received",
        "POST /api/cases/{caseId:guid}/withdraw",
        "POST /api/cases/{caseId:guid}/rating",
        "POST /api/cases/{caseId:guid}/extend",
        "POST /api/tasks/{taskId:guid}/claim",
        "POST /api/tasks/{taskId:guid}/release",
        "POST /api/tasks/{taskId:guid}/approve",
        "POST /api/tasks/{taskId:guid}/reject",
        "POST /api/tasks/{taskId:guid}/supplement-request",
        "POST /api/tasks/{taskId:guid}/supplement-received",
        "POST /api/tasks/{taskId:guid}/suspend",
        "POST /api/tasks/{taskId:guid}/resume",
        "POST /api/tasks/{taskId:guid}/extend",
        "POST /api/tasks/{taskId:guid}/allow-supplement-round",
        "POST /api/tasks/{taskId:guid}/transfer",
        "POST /api/tasks/{taskId:guid}/send-back",
        "POST /api/cases/{caseId:guid}/send-back",
        "POST /api/tasks/{taskId:guid}/retract",
        "POST /api/tasks/{taskId:guid}/consultations",
        "POST /api/tasks/{taskId:guid}/answer-consultation",
        "POST /api/tasks/{taskId:guid}/withdraw-consultation",
        "POST /api/tasks/{taskId:guid}/verification",
        "POST /api/tasks/{taskId:guid}/follow-up",
        "POST /api/supervision/dead-letters/{id:guid}/redeliver",
        "POST /api/tasks/{taskId:guid}/urge",
        "POST /api/delegations",
        "POST /api/delegations/{delegationId:guid}/revoke",
    ];

    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private HttpClient Supervisor => _app.ClientAs(ClerkRoles.Supervisor, null, "boss");

    /// <summary>Sends the call, then retries it with the same key; asserts the retry is a faithful, effect-free replay. Returns the first body.</summary>
    private async Task<JsonNode> Retried(HttpClient client, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var key = Retry.NewKey();
        var first = await client.PostWithKeyAsync(url, body, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.That(first.StatusCode, Is.EqualTo(expected), $"{url}: {firstBody}");
        Assert.That(first.IsReplay(), Is.False, "the first call is not a replay");
        var after = await Effects();

        var again = await client.PostWithKeyAsync(url, body, key);
        var againBody = await again.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(first.StatusCode), url);
            Assert.That(againBody, Is.EqualTo(firstBody), url);
            Assert.That(again.Content.Headers.ContentType?.ToString(), Is.EqualTo(first.Content.Headers.ContentType?.ToString()), url);
            Assert.That(again.Headers.Location, Is.EqualTo(first.Headers.Location), url);
            Assert.That(again.IsReplay(), Is.True, url);
            Assert.That(await Effects(), Is.EqualTo(after), $"{url}: the retry changed nothing");
        });
        return JsonNode.Parse(firstBody)!;
    }

    /// <summary>Cases, events, tasks and published workflow versions: everything a mutating call can add.</summary>
    private async Task<(int Cases, int Events, int Tasks, int Versions)> Effects()
    {
        var (cases, events, tasks) = await _app.CountAsync();
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync();
        return (cases, events, tasks, await db.WorkflowVersions.CountAsync());
    }

    private async Task<JsonNode> NewCase(object? materials = null)
    {
        var body = new { workflowId = "open-restaurant", applicant = Json.Applicant, data = new { hasOutdoorSign = false }, materials = materials ?? Json.AllMaterials("open-restaurant") };
        var before = await _app.CountAsync();
        var started = await Retried(_app.Window(), "/api/cases", body, HttpStatusCode.Created);
        Assert.That((await _app.CountAsync()).Cases, Is.EqualTo(before.Cases + 1), "one case for two calls");
        return started;
    }

    private static string TaskOf(JsonNode started, string department) =>
        (string)started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == department)!["id"]!;

    [Test]
    public async Task Publish_a_definition()
    {
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Workflows.Folder, "open-restaurant.json")))!.AsObject();
        definition["id"] = "idempotency-probe";
        var before = await Effects();
        var published = await Retried(_app.ClientAs(ClerkRoles.Analyst, null, "analyst"), "/api/workflows", new { definition }, HttpStatusCode.Created);
        Assert.That((bool)published["created"]!, Is.True, "the retry replays the 201, not the 200 of republishing identical content");
        Assert.That((await Effects()).Versions, Is.EqualTo(before.Versions + 1));
    }

    [Test]
    public async Task Import_an_Elsa_definition()
    {
        var elsa = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Workflows.Folder, "..", "tests", "fixtures", "elsa", "authored", "fork-join-3.6.json")))!.AsObject();
        elsa["definitionId"] = "idempotency-elsa-probe";
        var before = await Effects();
        var published = await Retried(_app.ClientAs(ClerkRoles.Analyst, null, "analyst"), "/api/workflows/import/elsa", elsa, HttpStatusCode.Created);
        Assert.That((string)published["id"]!, Is.EqualTo("idempotency-elsa-probe"));
        Assert.That((await Effects()).Versions, Is.EqualTo(before.Versions + 1));
    }

    [Test]
    public async Task Intake_claim_release_approve_reject()
    {
        var started = await NewCase();
        var fire = TaskOf(started, "fire-rescue");
        var wang = _app.Department("fire-rescue", "wang");
        await Retried(wang, $"/api/tasks/{fire}/claim", null);
        await Retried(wang, $"/api/tasks/{fire}/release", null);
        await Retried(wang, $"/api/tasks/{fire}/approve", new { result = "消防意见书" });
        var rejected = await Retried(_app.Department("taxation"), $"/api/tasks/{TaskOf(started, "taxation")}/reject", new { reason = "税务信息不符" });
        Assert.That((string)rejected["status"]!, Is.EqualTo("rejected"));
    }

    [Test]
    public async Task Deliver_and_rate()
    {
        var started = await NewCase();
        foreach (var task in started["tasks"]!.AsArray())
        {
            await Retried(_app.Department((string)task!["department"]!), $"/api/tasks/{(string)task["id"]!}/approve", new { });
        }

        var caseId = (string)started["id"]!;
        await Retried(_app.Window(), $"/api/cases/{caseId}/deliver", new { method = "pickup" });
        await Retried(_app.Window(), $"/api/cases/{caseId}/rating", new { score = 5, comment = "一次办好" });
    }

    [Test]
    public async Task Withdraw_and_extend_the_case()
    {
        var caseId = (string)(await NewCase())["id"]!;
        await Retried(Supervisor, $"/api/cases/{caseId}/extend", new { workingDays = 1, reason = "联合审查" });
        await Retried(_app.Window(), $"/api/cases/{caseId}/withdraw", new { reason = "不开了" });
    }

    [Test]
    public async Task Receive_a_promised_material()
    {
        var materials = Json.AllMaterials("open-restaurant").Where(m => !m.ToString()!.Contains("lease", StringComparison.Ordinal))
            .Append(new { materialId = "lease", provided = false, promisedBy = "2099-01-01" });
        var caseId = (string)(await NewCase(materials))["id"]!;
        await Retried(_app.Window(), $"/api/cases/{caseId}/materials/lease/received", new { channel = "window" });
    }

    [Test]
    public async Task Supplement_rounds_suspension_extension_and_transfer()
    {
        var started = await NewCase();
        var fire = TaskOf(started, "fire-rescue");
        var clerk = _app.Department("fire-rescue", "wang");
        await Retried(clerk, $"/api/tasks/{fire}/supplement-request", new { missing = new[] { "消防设计图纸" } });
        await Retried(_app.Window(), $"/api/tasks/{fire}/supplement-received", new { channel = "window" });
        await Retried(Supervisor, $"/api/tasks/{fire}/allow-supplement-round", null);
        await Retried(clerk, $"/api/tasks/{fire}/suspend", new { kind = "inspection", reason = "现场检查" });
        await Retried(clerk, $"/api/tasks/{fire}/resume", null);
        await Retried(Supervisor, $"/api/tasks/{fire}/extend", new { workingDays = 1, reason = "需要现场复核" });
        await Retried(clerk, $"/api/tasks/{fire}/transfer", new { toUserId = "li@fire-rescue" });
    }

    [Test]
    public async Task Send_back_from_a_task_and_from_delivery()
    {
        var caseId = await _app.StartAtAsync("fire-acceptance");
        var fire = ConstructionCases.OpenTaskOf(await _app.GetCaseAsync(caseId), "fire-acceptance");
        await Retried(_app.Department("fire-rescue"), $"/api/tasks/{fire}/send-back", new { toStepId = "stage-construction", reason = "图纸不符" });

        var delivering = await _app.StartAtAsync("utility-connection");
        await Retried(_app.Department("utilities"), $"/api/tasks/{ConstructionCases.OpenTaskOf(await _app.GetCaseAsync(delivering), "utility-connection")}/approve", new { });
        var sentBack = await Retried(_app.Window(), $"/api/cases/{delivering}/send-back", new { toStepId = "stage-completion", reason = "验收意见缺页" });
        Assert.That((string)sentBack["status"]!, Is.EqualTo("running"));
    }

    [Test]
    public async Task Retract_consult_answer_and_withdraw()
    {
        var started = await NewCase();
        var fire = TaskOf(started, "fire-rescue");
        var clerk = _app.Department("fire-rescue", "wang");
        await Retried(clerk, $"/api/tasks/{fire}/approve", new { });
        await Retried(clerk, $"/api/tasks/{fire}/retract", new { reason = "误点通过" });
        var asked = await Retried(clerk, $"/api/tasks/{fire}/consultations", new { departments = new[] { "urban-management", "taxation" }, question = "是否占道？", workingDays = 2 });
        var consultations = asked["consultations"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.That(consultations, Has.Count.EqualTo(2), "one consultation per department, not per call");
        await Retried(_app.Department("urban-management"), $"/api/tasks/{consultations[0]}/answer-consultation", new { opinion = "不占道" });
        await Retried(clerk, $"/api/tasks/{consultations[1]}/withdraw-consultation", new { reason = "不涉及税务" });
    }

    [Test]
    public async Task Urge_a_task_and_grant_and_revoke_a_delegation()
    {
        var started = await NewCase();
        var urged = await Retried(_app.Window(), $"/api/tasks/{TaskOf(started, "fire-rescue")}/urge", new { note = "请尽快办理" });
        Assert.That((int)urged["urgings"]!, Is.EqualTo(1), "one urging for two calls");

        var delegation = await Retried(_app.Department("fire-rescue", "wang"), "/api/delegations", new { toUserId = "li@fire-rescue", workingDays = 2 }, HttpStatusCode.Created);
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync())
        {
            Assert.That(await db.Set<Approval.Persistence.Delegations.DelegationRow>().CountAsync(d => d.DelegatorId == "wang@fire-rescue"), Is.EqualTo(1), "one delegation for two calls");
        }

        var revoked = await Retried(_app.Department("fire-rescue", "wang"), $"/api/delegations/{(string)delegation["id"]!}/revoke", null);
        Assert.That((bool)revoked["active"]!, Is.False);
    }

    [Test]
    public async Task Verify_a_commitment_after_delivery_and_follow_up_a_bad_rating()
    {
        var response = await _app.Window().PostJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant", applicant = Json.Applicant, data = new { hasOutdoorSign = true }, materials = Json.AllMaterials("open-restaurant"),
            commitments = new[] { new { stepId = "outdoor-sign", signedBy = "张三", signedAt = DateTimeOffset.UtcNow.AddHours(-1) } },
        });
        var started = await response.ReadJsonAsync();
        foreach (var task in started["tasks"]!.AsArray().Where(t => (string)t!["kind"]! == "approval" && (string)t["status"]! == "open"))
        {
            await Retried(_app.Department((string)task!["department"]!), $"/api/tasks/{(string)task["id"]!}/approve", new { });
        }

        var caseId = (string)started["id"]!;
        await Retried(_app.Window(), $"/api/cases/{caseId}/deliver", new { method = "pickup" });
        var verification = (string)started["tasks"]!.AsArray().Single(t => (string)t!["kind"]! == "verification")!["id"]!;
        await Retried(_app.Department("urban-management"), $"/api/tasks/{verification}/verification", new { passed = true, finding = "现场一致" });
        var rated = await Retried(_app.Window(), $"/api/cases/{caseId}/rating", new { score = 1 });
        var rectification = (string)rated["tasks"]!.AsArray().Single(t => (string)t!["kind"]! == "rectification")!["id"]!;
        var closed = await Retried(_app.Window(), $"/api/tasks/{rectification}/follow-up", new { outcome = "satisfied" });
        Assert.That((string)closed["status"]!, Is.EqualTo("approved"));
    }

    [Test]
    public async Task Redeliver_a_dead_letter_that_does_not_exist_replays_the_404()
    {
        await Retried(Supervisor, $"/api/supervision/dead-letters/{Guid.NewGuid()}/redeliver", null, HttpStatusCode.NotFound);
    }

    [Test]
    public void Every_mutating_api_route_is_covered_here()
    {
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Route: "/" + (e.RoutePattern.RawText ?? "").Trim('/'))))
            .Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE" && r.Route.StartsWith("/api/", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.Route}")
            .Distinct()
            .ToList();
        Assert.That(routes, Is.Not.Empty, "the endpoint listing works");
        Assert.That(routes, Is.SubsetOf(Covered), "a mutating route is not retried in this file: add it above and to a test");
    }
}
