using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Calendar;
using Approval.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests;

/// <summary>Send back (退回), retract (撤回) and consultation (征求意见) over HTTP: answers, problems naming the field, inboxes and clocks.</summary>
public class ReworkApiTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private FakeTimeProvider _clock = null!;
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _clock = new FakeTimeProvider(Monday);
        _app = new ApprovalApp(time: _clock);
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private async Task<JsonNode> Problem(Task<HttpResponseMessage> call, HttpStatusCode status, string code, string? field = null)
    {
        var before = await _app.CountAsync();
        var response = await call;
        var body = await response.ReadJsonAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body.ToJsonString());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That((string?)body["code"], Is.EqualTo(code));
            if (field is not null)
            {
                Assert.That(body["errors"]?[field], Is.Not.Null, body.ToJsonString());
            }

            Assert.That(await _app.CountAsync(), Is.EqualTo(before), "a refused call wrote nothing");
        });
        return body;
    }

    private static async Task<JsonNode> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    [Test]
    public async Task Fire_acceptance_sends_the_case_back_to_the_construction_stage()
    {
        var caseId = await _app.StartAtAsync("fire-acceptance");
        var fire = ConstructionCases.OpenTaskOf(await _app.GetCaseAsync(caseId), "fire-acceptance");
        var firstPermit = ConstructionCases.OpenTaskOf(await _app.GetCaseAsync(caseId), "construction-permit");

        await Problem(_app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{fire}/send-back", new { toStepId = "stage-engineering", reason = "x" }), HttpStatusCode.BadRequest, "send-back-not-allowed", "toStepId");
        await Problem(_app.Department("taxation").PostJsonAsync($"/api/tasks/{fire}/send-back", new { toStepId = "stage-construction", reason = "x" }), HttpStatusCode.Forbidden, "other-department");
        await Problem(_app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{fire}/send-back", new { toStepId = "stage-construction" }), HttpStatusCode.BadRequest, "reason-required", "reason");

        var answer = await Ok(_app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{fire}/send-back", new { toStepId = "stage-construction", reason = "消防验收发现施工与审查图纸不符" }));

        var after = await _app.GetCaseAsync(caseId);
        var reopened = after["tasks"]!.AsArray().Where(t => (string)t!["status"]! == "open").ToList();
        Assert.Multiple(() =>
        {
            Assert.That((string)answer["status"]!, Is.EqualTo("cancelled"));
            Assert.That(reopened.Select(t => (string)t!["stepId"]!), Is.EquivalentTo(new[] { "structure-review", "fire-design-review" }));
            Assert.That(reopened.Select(t => (int)t!["round"]!), Is.All.EqualTo(2));
            Assert.That(ConstructionCases.OpenTaskOf(after, "construction-permit"), Is.EqualTo(firstPermit), "construction-permit's new round has not opened yet");
            Assert.That((string)after["status"]!, Is.EqualTo("running"));
        });
    }

    [Test]
    public async Task A_department_retracts_while_the_join_waits_and_not_after()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var tasks = started["tasks"]!.AsArray();
        string Of(string department) => (string)tasks.First(t => (string)t!["department"]! == department)!["id"]!;
        var fire = _app.Department("fire-rescue", "wang");
        await Ok(fire.PostJsonAsync($"/api/tasks/{Of("fire-rescue")}/approve", new { result = "消防意见书" }));

        await Problem(_app.Department("taxation").PostJsonAsync($"/api/tasks/{Of("fire-rescue")}/retract", new { reason = "x" }), HttpStatusCode.Forbidden, "other-department");
        await Problem(fire.PostJsonAsync($"/api/tasks/{Of("fire-rescue")}/retract", new { }), HttpStatusCode.BadRequest, "reason-required", "reason");
        var retracted = await Ok(fire.PostJsonAsync($"/api/tasks/{Of("fire-rescue")}/retract", new { reason = "误点通过" }));
        Assert.That(((string)retracted["status"]!, (string?)retracted["claimedBy"]), Is.EqualTo(("claimed", "wang@fire-rescue")));

        await Ok(_app.Department("taxation").PostJsonAsync($"/api/tasks/{Of("taxation")}/reject", new { reason = "税务信息不符" }));
        var refused = await Problem(_app.Department("market-regulation").PostJsonAsync($"/api/tasks/{Of("market-regulation")}/retract", new { reason = "x" }), HttpStatusCode.Conflict, "task-not-decided");
        Assert.That((string?)refused["detail"], Is.Not.Empty);
        await Problem(_app.Department("taxation").PostJsonAsync($"/api/tasks/{Of("taxation")}/retract", new { reason = "x" }), HttpStatusCode.Conflict, "retract-too-late");
    }

    [Test]
    public async Task A_consultation_reaches_the_consulted_inbox_with_its_own_supervised_limit_and_blocks_approval_until_answered()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var fire = (string)started["tasks"]!.AsArray().First(t => (string)t!["department"]! == "fire-rescue")!["id"]!;
        var fireClerk = _app.Department("fire-rescue");

        await Problem(fireClerk.PostJsonAsync($"/api/tasks/{fire}/consultations", new { departments = new[] { "fire-rescue" }, question = "q", workingDays = 2 }), HttpStatusCode.BadRequest, "consult-departments", "departments[0]");
        await Problem(fireClerk.PostJsonAsync($"/api/tasks/{fire}/consultations", new { departments = new string?[] { null }, question = "q", workingDays = 2 }), HttpStatusCode.BadRequest, "null-element", "departments[0]");
        await Problem(_app.Department("taxation").PostJsonAsync($"/api/tasks/{fire}/consultations", new { departments = new[] { "urban-management" }, question = "q", workingDays = 2 }), HttpStatusCode.Forbidden, "other-department");

        var asked = await Ok(fireClerk.PostJsonAsync($"/api/tasks/{fire}/consultations", new { departments = new[] { "urban-management" }, question = "门头是否占道？", workingDays = 2 }));
        var consultation = (string)asked["consultations"]![0]!;

        var inbox = await Ok(_app.Department("urban-management").GetAsync("/api/tasks"));
        var calendar = _app.Services.GetRequiredService<WorkingCalendar>();
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync())
        {
            var row = await db.Tasks.SingleAsync(t => t.Id == Guid.Parse(consultation));
            Assert.That(row.NextAlertAt, Is.Not.Null, "the deadline engine sweeps it");
        }

        var view = await Ok(_app.Department("urban-management").GetAsync($"/api/tasks/{consultation}"));
        Assert.Multiple(() =>
        {
            Assert.That((string?)inbox["items"]!.AsArray().SingleOrDefault(t => (string)t!["id"]! == consultation)?["kind"], Is.EqualTo("consultation"), "in the consulted inbox, with its kind");
            Assert.That((string)view["kind"]!, Is.EqualTo("consultation"));
            Assert.That((string)view["parentTaskId"]!, Is.EqualTo(fire));
            Assert.That((DateTimeOffset)view["due"]!["at"]!, Is.EqualTo(calendar.Due(Monday, TimeLimit.OfWorkingDays(2)).At), "2 working days from the fake clock's Monday");
        });

        await Problem(fireClerk.PostJsonAsync($"/api/tasks/{fire}/approve", new { }), HttpStatusCode.Conflict, "consultation-pending");
        await Problem(_app.Department("urban-management").PostJsonAsync($"/api/tasks/{consultation}/answer-consultation", new { opinion = " " }), HttpStatusCode.BadRequest, "opinion-required", "opinion");
        await Problem(_app.Department("urban-management").PostJsonAsync($"/api/tasks/{consultation}/approve", new { }), HttpStatusCode.Conflict, "consultation-task");
        var answered = await Ok(_app.Department("urban-management").PostJsonAsync($"/api/tasks/{consultation}/answer-consultation", new { opinion = "不占道，同意" }));
        Assert.That(((string)answered["status"]!, (string)answered["opinion"]!), Is.EqualTo(("answered", "不占道，同意")));
        await Ok(fireClerk.PostJsonAsync($"/api/tasks/{fire}/approve", new { }));

        var events = await Ok(_app.ClientAs(Approval.Engine.Cases.ClerkRoles.Supervisor, null, "boss").GetAsync($"/api/cases/{(string)started["id"]!}/events"));
        Assert.That(events.AsArray().Select(e => (string)e!["type"]!), Does.Contain("consultation-requested").And.Contain("consultation-answered"), "the opinion is part of the case record");
    }
}
