using Microsoft.Playwright;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>hubdev ioc-screenshot [--hub URL] [--out docs/ioc-dashboard.png] [--lang vi|en]</c>: opens the hub's /ioc page in
/// Debian's Chromium (<c>CHROMIUM_PATH</c>, default <c>/usr/bin/chromium</c>; Playwright's own browsers are never downloaded),
/// waits until every panel has loaded and saves a full-page screenshot. Run it against <c>dev/up --demo</c> after the
/// simulator has fed the hub for a few minutes.
/// </summary>
internal static class IocScreenshotCommand
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static async Task<int> RunAsync(Uri hub, string output, string language)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        await context.AddInitScriptAsync($"localStorage.setItem('ioc.lang', '{(language == "en" ? "en" : "vi")}');");
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(hub, "/ioc/").ToString());
            await page.WaitForSelectorAsync("body[data-loaded='true']", new PageWaitForSelectorOptions { Timeout = 30000 });
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"the dashboard at {hub}ioc/ did not load ({e.Message.Split('\n')[0]}); is dev/up --demo running?");
            return 1;
        }

        var failed = await page.Locator("[data-panel][data-state='error'] .failure").AllInnerTextsAsync();
        var full = Path.GetFullPath(output, RepoLocator.Root);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = full, FullPage = true });
        Console.WriteLine($"saved {Path.GetRelativePath(RepoLocator.Root, full)}");
        foreach (var failure in failed)
        {
            Console.WriteLine($"a panel shows an error: {failure}");
        }

        return 0;
    }
}
