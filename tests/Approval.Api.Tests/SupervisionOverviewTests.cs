using System.Net;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests;

/// <summary>The supervisors' one screen: figures computed from what the cases really did.</summary>
public class SupervisionOverviewTests
{
    [Test]
    public async Task The_overview_counts_cases_rates_visits_and_overdue_work()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        using var app = new ApprovalApp(time: clock);

        async Task Complete(string method)
        {
            var started = await app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
            foreach (var task in started["tasks"]!.AsArray())
            {
                await app.Department((string)task!["department"]!).PostJsonAsync($"/api/tasks/{(string)task["id"]!}/approve", new { });
            }

            var delivered = await app.Window().PostJsonAsync($"/api/cases/{(string)started["id"]!}/deliver", new { method });
            Assert.That(delivered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await Complete("pickup");      // two visits: intake and pickup
        await Complete("electronic");  // one visit
        var open = await app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        clock.Advance(TimeSpan.FromDays(14));
        // Overdue is what the deadline engine has red-carded: let it look now.
        await app.Services.GetRequiredService<Approval.Supervision.Sweep.DeadlineSweeper>().SweepAsync();

        var supervisor = app.ClientAs(ClerkRoles.Supervisor, null, "boss");
        var overview = await (await supervisor.GetAsync("/api/supervision/overview")).ReadJsonAsync();
        var departments = overview["departments"]!.AsArray().ToDictionary(d => (string)d!["department"]!, d => ((int)d!["open"]!, (int)d["overdue"]!));
        Assert.Multiple(() =>
        {
            Assert.That((int)overview["casesByStatus"]!["completed"]!, Is.EqualTo(2));
            Assert.That((int)overview["casesByStatus"]!["running"]!, Is.EqualTo(1));
            Assert.That((int)overview["completion"]!["onTime"]!, Is.EqualTo(2));
            Assert.That((double)overview["completion"]!["oneVisitRate"]!, Is.EqualTo(0.5));
            Assert.That((double)overview["completion"]!["averageVisits"]!, Is.EqualTo(1.5));
            Assert.That(departments["fire-rescue"], Is.EqualTo((1, 1)), "the open case's fire check is two weeks past due");
            Assert.That((string?)overview["departments"]!.AsArray().First(d => (string)d!["department"]! == "fire-rescue")!["name"], Is.Not.Null.And.Not.Empty);
            Assert.That(overview["mostOverdue"]!.AsArray().Select(t => (string)t!["caseId"]!), Is.All.EqualTo((string)open["id"]!));
        });

        var forbidden = await app.Department("fire-rescue").GetAsync("/api/supervision/overview");
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_dashboard_page_is_served_to_supervisors_and_sends_anonymous_browsers_to_sign_in()
    {
        using var app = new ApprovalApp();
        var response = await app.ClientAs(ClerkRoles.Supervisor, null, "boss").GetAsync("/dashboard");
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        browser.Headers.Accept.ParseAdd("text/html");
        var refused = await anonymous.SendAsync(browser);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("一屏电子监察").And.Contain("/api/supervision/screen"));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(refused.Headers.Location?.ToString(), Does.StartWith("http://localhost/signin?returnUrl=%2Fdashboard").Or.StartWith("/signin?returnUrl=%2Fdashboard"));
        });
    }
}
