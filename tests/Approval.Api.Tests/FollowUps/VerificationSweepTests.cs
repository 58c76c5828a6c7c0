using System.Net;
using Approval.Api.Tests.Infrastructure;
using Approval.Supervision.Sweep;
using Approval.Security;
using Approval.Engine.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.FollowUps;

/// <summary>The deadline engine supervises a verification (核查) like any task, after the case was delivered too.</summary>
public class VerificationSweepTests
{
    [Test]
    public async Task A_delivered_cases_open_verification_is_swept_and_red_carded_at_its_due()
    {
        var now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(8));
        var clock = new FakeTimeProvider(now);
        using var app = new ApprovalApp(null, clock);
        var response = await app.Window().PostJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant", applicant = Json.Applicant, data = new { hasOutdoorSign = true }, materials = Json.AllMaterials("open-restaurant"),
            commitments = new[] { new { stepId = "outdoor-sign", signedBy = "张三", signedAt = now.AddHours(-1) } },
        });
        var started = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), started.ToJsonString());
        foreach (var open in started["tasks"]!.AsArray().Where(t => (string)t!["kind"]! == "approval" && (string)t["status"]! == "open"))
        {
            Assert.That((await app.Department((string)open!["department"]!).PostJsonAsync($"/api/tasks/{open["id"]}/approve", new { })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That((await app.Window().PostJsonAsync($"/api/cases/{started["id"]}/deliver", new { method = "pickup" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var verification = started["tasks"]!.AsArray().Single(t => (string)t!["kind"]! == "verification")!;
        var due = DateTimeOffset.Parse((string)verification["due"]!["at"]!, System.Globalization.CultureInfo.InvariantCulture);

        clock.SetUtcNow(due.AddMinutes(1));
        var sweep = await app.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();
        var cards = await (await app.ClientAs(ClerkRoles.Supervisor, null, "boss").GetAsync($"/api/supervision/cards?department=urban-management")).ReadJsonAsync();
        var levels = cards["items"]!.AsArray().Where(c => (string?)c!["taskId"] == (string?)verification["id"]).Select(c => (string?)c!["level"]).ToList();
        var task = await (await app.Department("urban-management").GetAsync($"/api/tasks/{verification["id"]}")).ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(sweep.Issued, Is.GreaterThanOrEqualTo(1), "the sweep found the verification of the completed case");
            Assert.That(levels, Is.SupersetOf(new[] { CardLevels.Yellow, CardLevels.Red }));
            Assert.That((string?)task["status"], Is.EqualTo("open"), "never approved by silence although the item is");
        });
    }
}
