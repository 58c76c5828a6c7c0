using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approval.Engine.Cases;
using Approval.Persistence.Statistics;
using Approval.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Approval.Browser.Tests;

/// <summary>
/// The README tour's last step: <c>approval supervision demo</c> on a fresh service database; once
/// the service's deadline sweep has run, the seeded cases show on the screen, some red, and the
/// counters the demo's commands kept agree with <c>approval supervision rebuild --check</c>.
/// </summary>
[NonParallelizable]
public class DemoTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Test]
    public async Task The_demo_cases_show_on_the_screen_some_red_and_the_counters_agree_with_the_events()
    {
        Chromium.RequireInstalled();
        using var server = new ScreenServer(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var (exit, output, error) = await ApprovalCli.RunAsync("supervision", "demo", "--connection", server.ConnectionString, "--workflows", RepositoryPaths.Workflows, "--cases", "40");
        Assert.That(exit, Is.Zero, output + error);
        Assert.That(output, Does.Contain("Wrote 40 demo cases").And.Contain("30 finished, 10 still open"));

        // The service's sweep, as it runs every few seconds: cards for the demo's open cases past due.
        await server.SweepAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await ScreenPages.SignedInAsync(browser, server, Wait);
            await Assertions.Expect(page.Locator("#alerts tr[data-colour=red]").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#departments tr[data-colour=red]").First).ToBeVisibleAsync();
            await ScreenPages.ScreenshotAsync(page, "demo");

            using var boss = server.ApiAs(ClerkRoles.Supervisor, null, "boss");
            var centre = (await boss.GetFromJsonAsync<JsonNode>("/api/supervision/screen"))!["centre"]!;
            Assert.Multiple(async () =>
            {
                Assert.That((long)centre["runningCases"]!, Is.EqualTo(10), "every fourth demo case is still open");
                Assert.That((long)centre["completed"]!, Is.EqualTo(30), "the finished ones, all within the 30-day window");
                Assert.That((long)centre["redTasks"]!, Is.GreaterThan(0), "the older open cases are past due");
                Assert.That((long)centre["ratings"]!, Is.EqualTo(30));
                Assert.That(int.Parse(await page.Locator("#red-tasks").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo((long)centre["redTasks"]!));
            });
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }

        // What the service folds every 5 s; then the operator's check reads the same file.
        await server.Services.GetRequiredService<CounterFolder>().FoldAllAsync();
        (exit, output, error) = await ApprovalCli.RunAsync("supervision", "rebuild", "--check", "--connection", server.ConnectionString, "--workflows", RepositoryPaths.Workflows);
        Assert.That(exit, Is.Zero, output + error);
        Assert.That(output, Does.Contain("The counters agree with the events."));
    }
}
