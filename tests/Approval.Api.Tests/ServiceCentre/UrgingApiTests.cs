using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Persistence.Supervision;
using Approval.Persistence.Urgings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.ServiceCentre;

/// <summary>Urging (催办) over HTTP: the alert in the outbox, the count on the task and the screen, once per working day.</summary>
public class UrgingApiTests
{
    [Test]
    public async Task Urging_alerts_the_department_counts_per_task_and_is_limited_to_once_a_working_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        using var app = new ApprovalApp(time: clock);
        var started = await app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var fire = (string)started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!["id"]!;
        var dueBefore = (string)started["tasks"]!.AsArray().Single(t => (string)t!["id"]! == fire)!["due"]!["at"]!;
        var supervisor = app.ClientAs(ClerkRoles.Supervisor, null, "boss");

        var urged = await app.Window().PostJsonAsync($"/api/tasks/{fire}/urge", new { note = "申请人催问进度" });
        var task = await urged.ReadJsonAsync();
        Assert.That(urged.StatusCode, Is.EqualTo(HttpStatusCode.OK), task.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That((int)task["urgings"]!, Is.EqualTo(1));
            Assert.That((string)task["due"]!["at"]!, Is.EqualTo(dueBefore), "urging moves no deadline");
        });

        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync())
        {
            var message = await db.Set<OutboxMessageRow>().SingleAsync(m => m.Kind == "urging");
            var payload = JsonNode.Parse(message.Payload)!;
            Assert.Multiple(() =>
            {
                Assert.That(message.Department, Is.EqualTo("fire-rescue"));
                Assert.That((string)payload["type"]!, Is.EqualTo("urging"));
                Assert.That((string)payload["taskId"]!, Is.EqualTo(fire));
                Assert.That((bool)payload["byWindow"]!, Is.True);
                Assert.That((string)payload["note"]!, Is.EqualTo("申请人催问进度"));
                Assert.That((int)payload["urgings"]!, Is.EqualTo(1));
            });
            Assert.That(await db.Set<UrgingRow>().CountAsync(u => u.TaskId == Guid.Parse(fire)), Is.EqualTo(1));
        }

        clock.Advance(TimeSpan.FromHours(5));
        await Refused(app, app.Window(), fire, new { }, HttpStatusCode.Conflict, RefusalCodes.AlreadyUrged);
        await Refused(app, app.Window(), fire, new { insist = true }, HttpStatusCode.Forbidden, RefusalCodes.SupervisorOnly);
        await Refused(app, app.Department("fire-rescue"), fire, new { }, HttpStatusCode.Forbidden, RefusalCodes.UrgingNotAllowed);
        Assert.That((int)(await (await supervisor.PostJsonAsync($"/api/tasks/{fire}/urge", new { insist = true })).ReadJsonAsync())["urgings"]!, Is.EqualTo(2));

        clock.Advance(TimeSpan.FromDays(1)); // Tuesday: a new working day
        Assert.That((await app.Window().PostJsonAsync($"/api/tasks/{fire}/urge", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // A token lives a working day: the supervisor signs in again on the fake clock's Tuesday.
        var answer = await app.ClientAs(ClerkRoles.Supervisor, null, "boss").GetAsync("/api/supervision/departments/fire-rescue");
        var screen = await answer.ReadJsonAsync();
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), screen.ToJsonString());
        var row = screen["tasks"]?.AsArray().SingleOrDefault(t => (string?)t?["taskId"] == fire);
        Assert.That((int?)row?["urgings"], Is.EqualTo(3), $"the screen's task list shows the count: {screen.ToJsonString()}");
    }

    private static async Task Refused(ApprovalApp app, HttpClient client, string taskId, object body, HttpStatusCode status, string code)
    {
        var before = await app.CountAsync();
        var response = await client.PostJsonAsync($"/api/tasks/{taskId}/urge", body);
        var problem = await response.ReadJsonAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), problem.ToJsonString());
            Assert.That((string)problem["code"]!, Is.EqualTo(code));
            Assert.That(await app.CountAsync(), Is.EqualTo(before), "a refused urging wrote nothing");
        });
    }
}
