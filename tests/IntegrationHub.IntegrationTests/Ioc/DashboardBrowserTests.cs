using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static IntegrationHub.IntegrationTests.Ioc.IocEvents;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>
/// The /ioc dashboard in Debian's Chromium (headless, driven by Playwright): it loads, its tiles show the numbers of
/// /api/indicators, and a feed past its cadence shows as late. The screenshot is kept as artifacts/ioc-dashboard.png.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DashboardBrowserTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private RunningHub _hub = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        // Land reports every 4 s in this test: late after 6 s, silent after 12 s. One cached report serves the page and the test.
        _hub = await RunningHub.StartAsync(fixture.Stack, $"--Hub:Ioc:CadenceOverrides:{Land}=PT4S", "--Hub:Ioc:IndicatorCacheDuration=00:05:00");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task The_dashboard_shows_the_indicators_of_the_api_and_a_late_feed_as_late()
    {
        var now = DateTimeOffset.UtcNow;
        await IocApi.PostAcceptedAsync(_hub, Dossiers,
            Dossier("H25-DASH-0001", "04795", "ONLINE_FULL", true, now.AddHours(-5)),
            Dossier("H25-DASH-0002", "04795", "IN_PERSON", false, now.AddHours(-4)),
            Dossier("H25-DASH-0003", "04924", "ONLINE_PARTIAL", true, now.AddHours(-3)),
            Dossier("H25-DASH-0004", "05200", "ONLINE_PARTIAL", null, now.AddHours(-2)),
            Dossier("H25-DASH-0005", null, "ONLINE_FULL", true, now.AddHours(-1)));
        await IocApi.PostAcceptedAsync(_hub, Health, Facility("17001", "04795", 420, 401, now.AddHours(-3)), Facility("17178", "05200", 46, 40, now.AddHours(-3)),
            Facility("17095", "04924", 120, 95, now.AddHours(-3)));
        await IocApi.PostAcceptedAsync(_hub, Schools, School("25017401", "04795", 1245, 1230, now.AddHours(-4)), School("25017502", "04924", 612, 598, now.AddHours(-4)));
        using (await _hub.PostAsync(Schools, JsonNode.Parse(File.ReadAllText(Path.Combine(Samples.Root, "contracts", Schools, "samples", "invalid", "several-errors.json")))!.ToJsonString()))
        {
            // an invalid record, for the rejection reasons
        }

        await IocApi.PostAcceptedAsync(_hub, Land, Parcel("04894", 5, 77, now));
        var landSent = DateTimeOffset.UtcNow;
        await IocApi.RunFreshnessMonitorAsync(_hub); // states and the hour's trend point
        await Task.Delay(landSent.AddSeconds(6.5) - DateTimeOffset.UtcNow);

        var indicators = await IocApi.GetAsync(_hub, "/api/indicators");
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1700 } });
        await page.GotoAsync(new Uri(_hub.BaseAddress, "/ioc").ToString());
        await page.WaitForSelectorAsync("body[data-loaded='true']", new PageWaitForSelectorOptions { Timeout = 15000 });

        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        foreach (var indicator in indicators["indicators"]!.AsArray())
        {
            var id = (string)indicator!["id"]!;
            var unavailable = (string?)indicator["status"] == "unavailable";
            var value = indicator["value"] is { } v && !unavailable ? (double)v : (double?)null;
            var tile = page.Locator($".tile[data-indicator='{id}']");
            Assert.Equal(value?.ToString(CultureInfo.InvariantCulture) ?? "", await tile.GetAttributeAsync("data-value"));
            if ((string?)indicator["unit"] is null or "percent")
            {
                Assert.Equal(value is null ? "–" : value.Value.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + "%",
                    await tile.Locator(".value").First.EvaluateAsync<string>("e => e.firstChild.textContent"));
            }

            Assert.Equal(unavailable ? "–" : $"{(long)indicator["numerator"]!:#,0} / {(long)indicator["denominator"]!:#,0}".Replace(',', '.'),
                await tile.Locator(".inputs").InnerTextAsync());
        }

        var landRow = page.Locator($"#freshness tr[data-feed='{Land}']");
        Assert.Equal("late", await landRow.GetAttributeAsync("data-state"));
        Assert.Equal("Chậm", await landRow.Locator(".badge.late").InnerTextAsync());
        Assert.Equal("fresh", await page.Locator($"#freshness tr[data-feed='{Dossiers}']").GetAttributeAsync("data-state"));
        await page.Locator("#drill-chart svg[data-indicator='I-05'] g[data-commune='04795']").WaitForAsync();
        Assert.True(await page.Locator("#drill-chart svg g[data-commune='04795']").CountAsync() == 1, "the commune chart shows Phường Hoà Bình");

        var artifacts = Path.Combine(Samples.Root, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "ioc-dashboard.png"), FullPage = true });

        await page.ClickAsync("#lang");
        Assert.Equal("Late", await landRow.Locator(".badge.late").InnerTextAsync());
        Assert.Equal("Online dossier rate", await page.Locator(".tile[data-indicator='I-05'] .name").InnerTextAsync());
    }
}
