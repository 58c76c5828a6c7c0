using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.ServiceCentre;

/// <summary>Delegation (委托) over HTTP: grant, act on behalf, the audit trail, every refusal, and the end by the clock.</summary>
public class DelegationApiTests
{
    private FakeTimeProvider _clock = null!;
    private ApprovalApp _app = null!;

    [SetUp]
    public void Start()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        _app = new ApprovalApp(time: _clock);
    }

    [TearDown]
    public void Stop() => _app.Dispose();

    private HttpClient Wang => _app.Department("fire-rescue", "wang");

    private HttpClient Li => _app.Department("fire-rescue", "li");

    private async Task<string> ClaimedFireTask()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var fire = (string)started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!["id"]!;
        Assert.That((await Wang.PostJsonAsync($"/api/tasks/{fire}/claim", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return fire;
    }

    [Test]
    public async Task The_delegate_approves_the_delegators_claimed_task_recorded_on_their_behalf()
    {
        var fire = await ClaimedFireTask();
        var granted = await Wang.PostJsonAsync("/api/delegations", new { toUserId = "li@fire-rescue", workingDays = 2, reason = "年休假" });
        var delegation = await granted.ReadJsonAsync();
        Assert.That(granted.StatusCode, Is.EqualTo(HttpStatusCode.Created), delegation.ToJsonString());
        Assert.That((bool)delegation["active"]!, Is.True);

        var approved = await Li.PostJsonAsync($"/api/tasks/{fire}/approve", new { result = "消防意见书" });
        var task = await approved.ReadJsonAsync();
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), task.ToJsonString());

        var caseId = (string)task["caseId"]!;
        var events = (await (await _app.Window().GetAsync($"/api/cases/{caseId}/events")).ReadJsonAsync()).AsArray();
        var approval = events.Single(e => (string)e!["type"]! == "task-approved")!;
        Assert.Multiple(() =>
        {
            Assert.That((string)approval["actor"]!["userId"]!, Is.EqualTo("li@fire-rescue"));
            Assert.That((string)approval["actor"]!["onBehalfOf"]!, Is.EqualTo("wang@fire-rescue"));
        });

        var mine = (await (await Li.GetAsync("/api/delegations")).ReadJsonAsync()).AsArray();
        Assert.That(mine.Select(d => (string)d!["id"]!), Is.EqualTo(new[] { (string)delegation["id"]! }));
    }

    [Test]
    public async Task The_delegate_may_also_use_the_commands_of_the_other_api_files()
    {
        // Consultation (and send back, retract, verification, follow-up) run through the same task runner as approve.
        var fire = await ClaimedFireTask();
        Assert.That((await Wang.PostJsonAsync("/api/delegations", new { toUserId = "li@fire-rescue", workingDays = 2 })).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var asked = await Li.PostJsonAsync($"/api/tasks/{fire}/consultations", new { departments = new[] { "urban-management" }, question = "门头是否占道？", workingDays = 2 });
        var task = await asked.ReadJsonAsync();
        Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.OK), task.ToJsonString());
        var events = (await (await _app.Window().GetAsync($"/api/cases/{(string)task["caseId"]!}/events")).ReadJsonAsync()).AsArray();
        Assert.That((string)events.Single(e => (string)e!["type"]! == "consultation-requested")!["actor"]!["onBehalfOf"]!, Is.EqualTo("wang@fire-rescue"));
    }

    [Test]
    public async Task A_delegation_ends_by_itself_when_its_period_ends()
    {
        var fire = await ClaimedFireTask();
        var to = _clock.GetUtcNow().AddHours(1);
        Assert.That((await Wang.PostJsonAsync("/api/delegations", new { toUserId = "li@fire-rescue", to })).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        _clock.Advance(TimeSpan.FromHours(2));
        var before = await _app.CountAsync();
        var late = await Li.PostJsonAsync($"/api/tasks/{fire}/approve", new { });
        var problem = await late.ReadJsonAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), problem.ToJsonString());
            Assert.That((string)problem["code"]!, Is.EqualTo(RefusalCodes.TaskClaimed));
            Assert.That(await _app.CountAsync(), Is.EqualTo(before));
            Assert.That((await (await Li.GetAsync("/api/delegations")).ReadJsonAsync()).AsArray(), Is.Empty, "an ended delegation is no longer current");
        });
    }

    [Test]
    public async Task Every_refusal_names_its_code_and_field()
    {
        var tomorrow = _clock.GetUtcNow().AddDays(1);
        await Refused(Wang, new { toUserId = "li@market-regulation", toDepartment = "market-regulation", to = tomorrow }, HttpStatusCode.Forbidden, RefusalCodes.OtherDepartment);
        await Refused(Wang, new { toUserId = "wang@fire-rescue", to = tomorrow }, HttpStatusCode.BadRequest, RefusalCodes.DelegationSelf, "toUserId");
        await Refused(Wang, new { toUserId = "li@fire-rescue", to = _clock.GetUtcNow().AddHours(-1) }, HttpStatusCode.BadRequest, RefusalCodes.DelegationInPast, "to");
        await Refused(Wang, new { toUserId = "li@fire-rescue" }, HttpStatusCode.BadRequest, RefusalCodes.DelegationPeriod, "to");
        await Refused(_app.Window(), new { toUserId = "li@fire-rescue", to = tomorrow }, HttpStatusCode.Forbidden, RefusalCodes.DepartmentClerkOnly);

        var first = await (await Wang.PostJsonAsync("/api/delegations", new { toUserId = "li@fire-rescue", to = tomorrow })).ReadJsonAsync();
        await Refused(Wang, new { toUserId = "zhao@fire-rescue", workingDays = 3 }, HttpStatusCode.Conflict, RefusalCodes.DelegationOverlaps);

        var id = (string)first["id"]!;
        var byLi = await Li.PostJsonAsync($"/api/delegations/{id}/revoke", null);
        Assert.That((string)(await byLi.ReadJsonAsync())["code"]!, Is.EqualTo(RefusalCodes.DelegationNotYours));
        var revoked = await (await Wang.PostJsonAsync($"/api/delegations/{id}/revoke", null)).ReadJsonAsync();
        Assert.That((bool)revoked["active"]!, Is.False);
        var again = await Wang.PostJsonAsync($"/api/delegations/{id}/revoke", null);
        Assert.That((string)(await again.ReadJsonAsync())["code"]!, Is.EqualTo(RefusalCodes.DelegationEnded));
        var missing = await Wang.PostJsonAsync($"/api/delegations/{Guid.NewGuid()}/revoke", null);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Wang.PostJsonAsync("/api/delegations", new { toUserId = "zhao@fire-rescue", workingDays = 3 })).StatusCode, Is.EqualTo(HttpStatusCode.Created), "a revoked delegation no longer overlaps");
    }

    private static async Task Refused(HttpClient client, object body, HttpStatusCode status, string code, string? field = null)
    {
        var response = await client.PostJsonAsync("/api/delegations", body);
        var problem = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), problem.ToJsonString());
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That((string)problem["code"]!, Is.EqualTo(code));
            if (field is not null)
            {
                Assert.That(problem["errors"]?[field], Is.Not.Null, problem.ToJsonString());
            }
        });
    }
}
