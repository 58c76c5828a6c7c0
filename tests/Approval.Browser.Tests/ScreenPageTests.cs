using System.Text.Json.Nodes;
using Approval.Security;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Approval.Browser.Tests;

/// <summary>
/// The one screen (一屏电子监察) in a real browser: sign-in with the cookie, the overview in Chinese
/// with a late case red, a change made through the API arriving live without a reload, the
/// department, case and definition pages. Every test saves a screenshot as a test artifact.
/// </summary>
[NonParallelizable]
public class ScreenPageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private ScreenServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private JsonNode _late = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        Chromium.RequireInstalled();
        _server = new ScreenServer(new FakeTimeProvider(DateTimeOffset.UtcNow));
        // A case left alone for two weeks: every one of its tasks is past due and red-carded.
        _late = await _server.StartCaseAsync();
        _server.Clock.Advance(TimeSpan.FromDays(14));
        await _server.SweepAsync();
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _server?.Dispose();
    }

    private Task<IPage> NewPageAsync() => ScreenPages.NewPageAsync(_browser, _server, Wait);

    private Task<IPage> SignedInAsync(string returnUrl = "/dashboard") => ScreenPages.SignedInAsync(_browser, _server, Wait, returnUrl);

    private static Task ScreenshotAsync(IPage page, string name) => ScreenPages.ScreenshotAsync(page, name);

    [Test]
    public async Task Anonymous_access_is_refused()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/dashboard");
        var api = await page.APIRequest.GetAsync("/api/supervision/screen");
        await ScreenshotAsync(page, "anonymous");
        Assert.Multiple(() =>
        {
            Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/signin"));
            Assert.That(page.Url, Does.Contain("returnUrl=%2Fdashboard"));
            Assert.That(api.Status, Is.EqualTo(401));
        });
    }

    [Test]
    public async Task The_overview_shows_in_chinese_with_the_late_case_red()
    {
        var page = await SignedInAsync();
        await Assertions.Expect(page.Locator("#departments tr[data-colour=red]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#heard")).ToContainTextAsync("最后收到服务器消息");
        var fire = page.Locator("#dept-fire-rescue");
        var alerts = page.Locator("#alerts tr[data-colour=red]");
        await ScreenshotAsync(page, "overview");
        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("h1").InnerTextAsync(), Does.Contain("一屏电子监察"));
            Assert.That(await fire.GetAttributeAsync("data-colour"), Is.EqualTo("red"));
            Assert.That(await fire.InnerTextAsync(), Does.Contain("红牌"));
            Assert.That(await alerts.CountAsync(), Is.EqualTo(_late["tasks"]!.AsArray().Count), "each task of the late case is listed red");
            Assert.That(await alerts.First.InnerTextAsync(), Does.Contain("超时").And.Contain("工作日"));
            Assert.That(await page.Locator("#trend svg polyline").CountAsync(), Is.EqualTo(3), "intake, completions and red cards");
            Assert.That(int.Parse(await page.Locator("#red-tasks").InnerTextAsync()), Is.GreaterThanOrEqualTo(_late["tasks"]!.AsArray().Count));
        });
    }

    [Test]
    public async Task A_case_started_and_a_task_approved_through_the_api_arrive_without_a_reload()
    {
        var page = await SignedInAsync();
        await Assertions.Expect(page.Locator("#heard")).ToContainTextAsync("最后收到服务器消息");
        await Assertions.Expect(page.Locator("#intake-today")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(page.Locator("#dept-taxation")).ToBeVisibleAsync();
        var intake = int.Parse(await page.Locator("#intake-today").InnerTextAsync());
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");

        var started = await _server.StartCaseAsync();
        await Assertions.Expect(page.Locator("#intake-today")).ToHaveTextAsync((intake + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var tax = started["tasks"]!.AsArray().First(t => (string)t!["department"]! == "taxation")!;
        var taxRow = page.Locator("#dept-taxation td").Nth(3);
        var openBefore = int.Parse(await taxRow.InnerTextAsync());
        await _server.ApproveAsync(tax);
        await Assertions.Expect(page.Locator("#heard")).ToHaveAttributeAsync("data-kind", "task-finished");
        await Assertions.Expect(taxRow).ToHaveTextAsync((openBefore - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ScreenshotAsync(page, "live");
        Assert.That(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), Is.True, "the same page, never reloaded");
    }

    [Test]
    public async Task The_case_page_shows_the_timeline_the_audit_verdict_and_the_coloured_diagram()
    {
        var id = (string)_late["id"]!;
        var page = await SignedInAsync($"/dashboard/cases/{id}");
        await Assertions.Expect(page.Locator("#timeline tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#diagram svg")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "case");
        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("#audit").InnerTextAsync(), Does.Contain("完整未篡改"));
            Assert.That(await page.Locator("#timeline tr[data-type=case-started]").InnerTextAsync(), Does.Contain("受理"));
            Assert.That(await page.Locator("#timeline tr[data-type=card-issued]").CountAsync(), Is.GreaterThan(0), "the cards are in the trail");
            Assert.That(await page.Locator("#diagram g[data-state=done]").CountAsync(), Is.GreaterThan(0), "intake is done");
            Assert.That(await page.Locator("#diagram g[data-state=red]").CountAsync(), Is.EqualTo(_late["tasks"]!.AsArray().Count), "every late task is red");
        });
    }

    [Test]
    public async Task The_department_and_definition_pages_drill_down()
    {
        var page = await SignedInAsync("/dashboard/departments/fire-rescue");
        await Assertions.Expect(page.Locator("#tasks tr[data-colour=red]").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "department");
        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("#colour").InnerTextAsync(), Does.Contain("红牌"));
            Assert.That(await page.Locator("#cards tr").CountAsync(), Is.GreaterThan(0));
        });

        await page.Locator("#tasks tr[data-colour=red] a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/dashboard/cases/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#definition")).ToHaveAttributeAsync("href", "/dashboard/workflows/open-restaurant/1");
        await page.Locator("#definition").ClickAsync();
        await Assertions.Expect(page.Locator("#steps tr").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "definition");
        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("#limit").InnerTextAsync(), Is.EqualTo("5 working days"));
            Assert.That(await page.Locator("#diagram svg g[id^=step-]").CountAsync(), Is.GreaterThan(5));
            Assert.That(await page.Locator("#steps").InnerTextAsync(), Does.Contain("消防安全检查"));
        });
    }
}
