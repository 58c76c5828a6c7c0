using Microsoft.Playwright;

namespace Approval.Browser.Tests;

/// <summary>
/// Debian's chromium, driven by Playwright. Playwright's own browser download is never used (it
/// cannot be fetched here); without chromium the tests say so and are skipped, with the command.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public const string InstallCommand = "sudo apt-get install -y chromium fonts-noto-cjk";

    /// <summary>Skips the calling test (Assert.Ignore) when chromium is not installed.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(Path))
        {
            Assert.Ignore($"chromium is not installed at {Path}; the browser tests need it: {InstallCommand}");
        }
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            // Root in CI has no user namespace sandbox; nothing here may reach the network.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-default-apps", "--disable-sync"],
        });
        return (playwright, browser);
    }
}
