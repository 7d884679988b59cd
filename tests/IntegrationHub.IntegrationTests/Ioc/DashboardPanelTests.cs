using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Ioc;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static IntegrationHub.IntegrationTests.Ioc.IocEvents;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>
/// The dashboard's panels in Debian's Chromium against a hub fed every feed's samples (as the demo's simulator feeds them):
/// each panel shows its API's data; an endpoint that fails (500, bad JSON, network) shows as an alert naming it in its own
/// panel while the others render; an API the hub does not have shows its 404 the same way. axe-core (from node_modules)
/// finds no serious or critical accessibility violation, and the page's Content-Security-Policy refuses nothing it loads.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DashboardPanelTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>The hours of trend the test records before the current one, as the freshness monitor records them hourly.</summary>
    private static readonly int[] TrendHours = [3, 2, 1];

    private static readonly string AxeScript = Path.Combine(Samples.Root, "node_modules", "axe-core", "axe.min.js");

    private RunningHub _hub = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _hub = await RunningHub.StartAsync(fixture.Stack, "--Hub:Ioc:IndicatorCacheDuration=00:05:00");
        await SeedAsync();
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
    public async Task Every_panel_shows_the_data_of_its_api()
    {
        var indicators = await IocApi.GetAsync(_hub, "/api/indicators");
        var status = await IocApi.GetAsync(_hub, "/api/feeds/status");
        var (page, problems) = await OpenAsync();

        // Indicators: one tile each, the API's value (none for what cannot be computed, with the reason), target status and trend.
        var list = indicators["indicators"]!.AsArray();
        Assert.Equal(list.Count, await page.Locator(".tile").CountAsync());
        Assert.Equal("ready", await page.GetAttributeAsync("#panel-indicators", "data-state"));
        foreach (var indicator in list)
        {
            var id = (string)indicator!["id"]!;
            var tile = page.Locator($".tile[data-indicator='{id}']");
            var state = (string?)indicator["status"];
            var value = indicator["value"] is { } v && state != "unavailable" ? (double)v : (double?)null;
            Assert.Equal(value?.ToString(CultureInfo.InvariantCulture) ?? "", await tile.GetAttributeAsync("data-value"));
            Assert.Equal(state ?? "", await tile.GetAttributeAsync("data-status"));
            Assert.Equal((string?)indicator["targetStatus"] ?? "", await tile.GetAttributeAsync("data-target-status"));
            if (state is null)
            {
                Assert.Equal("Trạng thái: không có sẵn", await tile.Locator(".head .na").InnerTextAsync());
            }

            if (state == "unavailable")
            {
                Assert.Equal("–", await tile.Locator(".value").InnerTextAsync());
                Assert.Equal((string?)indicator["unavailableReason"]?["vi"] ?? "Không có sẵn", await tile.Locator(".reason").InnerTextAsync());
            }
            else if (state == "proxy")
            {
                Assert.Equal((string?)indicator["proxyNote"]?["vi"] ?? "Không có sẵn", await tile.Locator(".reason").InnerTextAsync());
            }

            var points = indicator["trend"]!.AsArray().Count(p => p!["value"] is not null);
            if (points >= 2)
            {
                Assert.Equal(points.ToString(CultureInfo.InvariantCulture), await tile.Locator(".trend-chart svg[role='img']").GetAttributeAsync("data-points"));
            }
            else
            {
                Assert.Equal("Chưa đủ dữ liệu xu hướng", await tile.Locator(".trend-chart").InnerTextAsync());
            }
        }

        var dossierRate = list.Single(i => (string)i!["id"]! == "I-05")!;
        Assert.Equal(TrendHours.Length + 1, dossierRate["trend"]!.AsArray().Count(p => p!["value"] is not null));
        Assert.Equal((TrendHours.Length + 1).ToString(CultureInfo.InvariantCulture),
            await page.Locator(".tile[data-indicator='I-05'] .trend-chart svg").GetAttributeAsync("data-points"));

        // Drill-down: the province, then its communes, from the per-level endpoint (or the list's breakdowns until it exists).
        await page.ClickAsync(".tile[data-indicator='I-05'] button.drill");
        var chart = page.Locator("#drill-chart svg[data-indicator='I-05'][data-level='commune']");
        await chart.WaitForAsync();
        var byCommune = await TryGetAsync("/api/indicators/I-05?by=commune") ?? dossierRate;
        foreach (var row in byCommune["breakdowns"]!["commune"]!.AsArray().Where(r => (long)r!["denominator"]! > 0).Take(30))
        {
            var text = await chart.Locator($"g[data-commune='{(string)row!["key"]!}'] text").Last.TextContentAsync();
            Assert.StartsWith(((double)row["value"]!).ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + "%", text);
        }

        Assert.Equal(1, await chart.Locator("g[data-commune='04795']").CountAsync());
        Assert.Equal(1, await chart.Locator("g[data-province='true']").CountAsync());

        // Feeds: freshness for every feed of the status, with its completeness where the status carries it.
        var feeds = status["feeds"]!.AsArray();
        Assert.Equal(feeds.Count, await page.Locator("#freshness tbody tr").CountAsync());
        foreach (var feed in feeds)
        {
            var row = page.Locator($"#freshness tr[data-feed='{(string)feed!["feedId"]!}']");
            Assert.Equal((string)feed["state"]!, await row.GetAttributeAsync("data-state"));
            if (!feed.AsObject().TryGetPropertyValue("completeness", out var completeness))
            {
                Assert.Equal("Không có sẵn", await row.Locator("td.completeness").InnerTextAsync());
            }
            else if (completeness is null)
            {
                Assert.Equal("Không áp dụng", await row.Locator("td.completeness").InnerTextAsync());
            }
            else
            {
                Assert.Equal((string)completeness["state"]!, await row.Locator("td.completeness .badge").GetAttributeAsync("data-completeness"));
            }
        }

        // NDXP delivery per feed flagged for it; "not available" while the status has no ndxp member.
        var ndxpFeeds = feeds.Where(f => f!.AsObject().ContainsKey("ndxp")).ToList();
        Assert.Equal(ndxpFeeds.Count > 0 ? "true" : "false", await page.GetAttributeAsync("#panel-ndxp", "data-available"));
        if (ndxpFeeds.Count == 0)
        {
            Assert.Equal("Không có sẵn", await page.Locator("#ndxp tbody td").InnerTextAsync());
        }

        foreach (var feed in ndxpFeeds.Where(f => f!["ndxp"] is not null))
        {
            var row = page.Locator($"#ndxp tr[data-feed='{(string)feed!["feedId"]!}']");
            Assert.Equal(((long)feed["ndxp"]!["delivered30Days"]!).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.'),
                await row.Locator("td").Nth(1).InnerTextAsync());
            Assert.Equal((string?)feed["ndxp"]!["lastOutcome"] ?? "", await row.GetAttributeAsync("data-outcome"));
        }

        // Completeness and reports: their endpoints' rows, or the endpoint's failure in the panel when the hub has none.
        await AssertPanelAsync(page, "completeness", "/api/completeness", async body =>
        {
            foreach (var feed in body["feeds"]!.AsArray())
            {
                var row = page.Locator($"#completeness tr[data-feed='{(string)feed!["feedId"]!}']");
                Assert.Equal((string)feed["summary"]!["state"]!, await row.GetAttributeAsync("data-completeness"));
                Assert.Equal(Math.Min(30, feed["periods"]!.AsArray().Count), await row.Locator("svg.periods rect").CountAsync());
            }
        });
        await AssertPanelAsync(page, "reports", "/api/reports", async body =>
        {
            var reports = body["reports"]!.AsArray();
            Assert.NotEmpty(reports);
            Assert.Equal(reports.Select(r => $"{r!["kind"]}|{r["scope"]}").Distinct().Count(), await page.Locator("#reports tbody tr[data-report]").CountAsync());
            foreach (var report in reports.GroupBy(r => $"{r!["kind"]}|{r["scope"]}").Select(g => g.MaxBy(r => r!["generatedAt"]!.GetValue<DateTimeOffset>())!))
            {
                var row = page.Locator($"#reports tr[data-report='{(string)report["id"]!}']");
                Assert.Equal((string)report["html"]!, await row.Locator("a.report-file").First.GetAttributeAsync("href"));
            }
        });

        // The rejection reasons of I-04 and the latest records.
        var quality = list.Single(i => (string)i!["id"]! == "I-04")!;
        Assert.Equal(quality["topRejections"]!.AsArray().Count, await page.Locator("#rejections tbody tr code").CountAsync());
        Assert.True(await page.Locator("#latest tbody tr code").CountAsync() > 0, "the latest records list what was posted");
        Assert.Equal(0, await page.Locator("[data-panel='latest'] .failure").CountAsync()); // a restricted feed the token cannot read is listed, not a failure

        // English labels on demand.
        await page.ClickAsync("#lang");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Delivery to the NDXP platform by feed", await page.Locator("#ndxp-title").InnerTextAsync());
        Assert.Equal("From province to commune", await page.Locator("#drill-title").InnerTextAsync());

        await AssertAccessibleAsync(page);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_failing_endpoint_shows_its_error_in_its_panel_and_the_other_panels_render()
    {
        // The feed status answers 500: the freshness, NDXP and latest-records panels say so; the indicators still show.
        var (page, problems) = await OpenAsync(async p => await p.RouteAsync("**/api/feeds/status", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 500,
            ContentType = "application/problem+json",
            Body = """{"type":"about:blank","title":"Internal Server Error","status":500}""",
        })));

        foreach (var panel in new[] { "freshness", "ndxp", "latest" })
        {
            var alert = page.Locator($"[data-panel='{panel}'] [role='alert'] .failure[data-endpoint='/api/feeds/status']");
            Assert.Equal("500", await alert.GetAttributeAsync("data-status"));
            Assert.Contains("GET /api/feeds/status — HTTP 500", await alert.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("error", await page.GetAttributeAsync($"[data-panel='{panel}']", "data-state"));
        }

        var count = (await IocApi.GetAsync(_hub, "/api/indicators"))["indicators"]!.AsArray().Count;
        Assert.Equal(count, await page.Locator(".tile").CountAsync());
        Assert.Equal("ready", await page.GetAttributeAsync("#panel-indicators", "data-state"));
        Assert.Equal("ready", await page.GetAttributeAsync("#panel-drilldown", "data-state"));
        Assert.Equal(0, await page.Locator("#freshness tbody tr").CountAsync());
        await AssertAccessibleAsync(page);

        // Indicators as a server error, the reports unreachable and the completeness not JSON: the feed panels still render.
        var (second, secondProblems) = await OpenAsync(async p =>
        {
            await p.RouteAsync("**/api/indicators", route => route.FulfillAsync(new RouteFulfillOptions { Status = 503, Body = "" }));
            await p.RouteAsync("**/api/reports", route => route.AbortAsync("connectionrefused"));
            await p.RouteAsync("**/api/completeness", route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = "{ not json" }));
        });

        Assert.Equal("503", await second.Locator("[data-panel='indicators'] .failure[data-endpoint='/api/indicators']").GetAttributeAsync("data-status"));
        Assert.Equal("503", await second.Locator("[data-panel='rejections'] .failure[data-endpoint='/api/indicators']").GetAttributeAsync("data-status"));
        Assert.Equal("network", await second.Locator("[data-panel='reports'] .failure[data-endpoint='/api/reports']").GetAttributeAsync("data-status"));
        Assert.Contains("lỗi mạng", await second.Locator("[data-panel='reports'] [role='alert']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("json", await second.Locator("[data-panel='completeness'] .failure[data-endpoint='/api/completeness']").GetAttributeAsync("data-status"));
        Assert.Equal(0, await second.Locator(".tile").CountAsync());
        var feeds = (await IocApi.GetAsync(_hub, "/api/feeds/status"))["feeds"]!.AsArray().Count;
        Assert.Equal(feeds, await second.Locator("#freshness tbody tr").CountAsync());
        Assert.Equal("ready", await second.GetAttributeAsync("#panel-freshness", "data-state"));
        Assert.Equal("ready", await second.GetAttributeAsync("#panel-ndxp", "data-state"));

        Assert.Empty(problems);
        Assert.Empty(secondProblems);
    }

    [Fact]
    public async Task The_page_is_served_with_a_content_security_policy_that_allows_no_inline_script()
    {
        using var client = _hub.Client();
        using var response = await client.GetAsync("/ioc/");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    /// <summary>Every feed's valid samples, dossiers in known communes, an invalid record, and a few past hours of trend.</summary>
    private async Task SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var folder in Directory.GetDirectories(Path.Combine(Samples.Root, "contracts")).Where(f => File.Exists(Path.Combine(f, "feed.json"))).Order(StringComparer.Ordinal))
        {
            var feedId = Path.GetFileName(folder);
            using var response = await _hub.PostAsync(feedId, Samples.Batch(Samples.Valid(feedId)), "application/cloudevents-batch+json");
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{feedId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await IocApi.PostAcceptedAsync(_hub, Dossiers,
            Dossier("H25-PANEL-0001", "04795", "ONLINE_FULL", true, now.AddHours(-5)),
            Dossier("H25-PANEL-0002", "04795", "IN_PERSON", false, now.AddHours(-4)),
            Dossier("H25-PANEL-0003", "04924", "ONLINE_PARTIAL", true, now.AddHours(-3)),
            Dossier("H25-PANEL-0004", null, "ONLINE_FULL", true, now.AddHours(-1)));
        using (await _hub.PostAsync(Schools, JsonNode.Parse(File.ReadAllText(Path.Combine(Samples.Root, "contracts", Schools, "samples", "invalid", "several-errors.json")))!.ToJsonString()))
        {
            // an invalid record, for the rejection reasons
        }

        var store = _hub.App.Services.GetRequiredService<IFeedStatusStore>();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        await store.SaveIndicatorPointsAsync(TrendHours.Select(h => new IndicatorPoint("I-05", hour.AddHours(-h), 40 + (10 * h))).ToList(), CancellationToken.None);
        await IocApi.WaitForStatusAsync(_hub, Schools, f => (long)f["today"]!["rejected"]! >= 1);
        await IocApi.RunFreshnessMonitorAsync(_hub); // states and the current hour's trend point
        Assert.NotEmpty(await IocApi.RunGenerateReportsAsync(_hub)); // the last closed week's and month's reports, as on a fresh stack
    }

    /// <summary>A new page (its own storage) on /ioc/, routes set before it loads, waited until every panel has loaded once.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(Func<IPage, Task>? routes = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1800 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                problems.Add("CSP: " + message.Text);
            }
        };
        if (routes is not null)
        {
            await routes(page);
        }

        await page.GotoAsync(new Uri(_hub.BaseAddress, "/ioc/").ToString());
        await page.WaitForSelectorAsync("body[data-loaded='true']", new PageWaitForSelectorOptions { Timeout = 20000 });
        return (page, problems);
    }

    /// <summary>The panel renders its endpoint's body when the hub answers 200; otherwise it shows that endpoint's status.</summary>
    private async Task AssertPanelAsync(IPage page, string panel, string endpoint, Func<JsonNode, Task> rendered)
    {
        using var client = _hub.ReaderClient();
        using var response = await client.GetAsync(endpoint);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal("ready", await page.GetAttributeAsync($"[data-panel='{panel}']", "data-state"));
            await rendered(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }
        else
        {
            Assert.Equal("error", await page.GetAttributeAsync($"[data-panel='{panel}']", "data-state"));
            Assert.Equal(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                await page.Locator($"[data-panel='{panel}'] [role='alert'] .failure[data-endpoint='{endpoint}']").GetAttributeAsync("data-status"));
        }
    }

    private async Task<JsonNode?> TryGetAsync(string path)
    {
        using var client = _hub.ReaderClient();
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }

    /// <summary>Runs axe-core (the npm package's axe.min.js, injected into the page) and fails on any serious or critical violation.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        Assert.True(File.Exists(AxeScript), $"{AxeScript} is missing: npm ci installs axe-core (package.json)");
        await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript));
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
              .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))
            """);
        var serious = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => v.ToString())
            .ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious));
        Assert.True(await page.EvaluateAsync<bool>("() => typeof axe.version === 'string'"), "axe-core ran in the page");
    }
}
