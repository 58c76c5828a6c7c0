using Approval.Engine.Cases;
using Microsoft.Playwright;

namespace Approval.Browser.Tests;

/// <summary>What every browser test does: a fresh page, the Development sign-in as a supervisor, a screenshot kept as a test artifact.</summary>
internal static class ScreenPages
{
    public static async Task<IPage> NewPageAsync(IBrowser browser, ScreenServer server, TimeSpan wait)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)wait.TotalMilliseconds);
        return page;
    }

    /// <summary>Signs in through the Development picker, as a supervisor, and lands on <paramref name="returnUrl"/>.</summary>
    public static async Task<IPage> SignedInAsync(IBrowser browser, ScreenServer server, TimeSpan wait, string returnUrl = "/dashboard")
    {
        var page = await NewPageAsync(browser, server, wait);
        await page.GotoAsync(returnUrl);
        Assert.That(page.Url, Does.Contain("/signin"), "an anonymous browser is sent to sign in");
        var pick = page.Locator("form:has(input[name=mode][value=pick])");
        await pick.Locator("input[name=user]").FillAsync("boss");
        await pick.Locator("input[name=name]").FillAsync("督查科");
        await pick.Locator("select[name=role]").SelectOptionAsync(ClerkRoles.Supervisor);
        await pick.Locator("button").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl);
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, name);
    }
}
