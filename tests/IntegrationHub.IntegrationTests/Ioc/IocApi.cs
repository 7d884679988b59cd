using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>Posting and reading the query API of a running hub.</summary>
public static class IocApi
{
    public static async Task PostAcceptedAsync(RunningHub hub, string feedId, params JsonObject[] events)
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var response = await hub.PostAsync(feedId, Samples.Batch(events), "application/cloudevents-batch+json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        Assert.Equal(events.Length, (int)JsonNode.Parse(body)!["accepted"]!);
        await WaitForStatusAsync(hub, feedId, f => f["lastEventAt"] is { } last && last.GetValue<DateTimeOffset>() >= before);
    }

    /// <summary>
    /// Feed status is written in aggregate about once a second (FeedActivityRecorder): polls it until
    /// <paramref name="ready"/> holds for the feed (at most 50 polls), and returns that feed's status.
    /// </summary>
    public static async Task<JsonNode> WaitForStatusAsync(RunningHub hub, string feedId, Func<JsonNode, bool> ready)
    {
        JsonNode feed = null!;
        for (var poll = 0; poll < 50; poll++)
        {
            var status = await GetAsync(hub, "/api/feeds/status");
            feed = status["feeds"]!.AsArray().Single(f => (string?)f!["feedId"] == feedId)!;
            if (ready(feed))
            {
                return feed;
            }

            await Task.Delay(200);
        }

        return feed;
    }

    /// <summary>A GET with the IOC reader's token (role Snapshots.Read).</summary>
    public static async Task<JsonNode> GetAsync(RunningHub hub, string path)
    {
        using var client = hub.ReaderClient();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Follows continuation tokens to the end; returns every item and the number of pages.</summary>
    public static async Task<(List<JsonNode> Items, int Pages)> GetAllPagesAsync(RunningHub hub, string path)
    {
        var items = new List<JsonNode>();
        string? token = null;
        var pages = 0;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            var page = await GetAsync(hub, token is null ? path : $"{path}{separator}continuationToken={Uri.EscapeDataString(token)}");
            pages++;
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            token = (string?)page["continuationToken"];
            Assert.True(pages < 100, "paging did not end");
        }
        while (token is not null);

        return (items, pages);
    }

    /// <summary>One run of the FreshnessMonitor timer function, its class built from the hub's services as the worker builds it.</summary>
    public static async Task<string> RunFreshnessMonitorAsync(RunningHub hub)
    {
        var function = ActivatorUtilities.CreateInstance<IntegrationHub.Functions.FreshnessMonitor.FreshnessMonitorFunction>(hub.App.Services);
        var report = await function.RunOnceAsync(CancellationToken.None);
        return $"checked {report.Checked}, changed {report.Changed}, alerts {report.Alerts}, failed {report.Failed}";
    }

    /// <summary>One run of the GenerateReports timer function on the hub's own clock; returns the ids it generated.</summary>
    public static async Task<IReadOnlyList<string>> RunGenerateReportsAsync(RunningHub hub)
    {
        var function = ActivatorUtilities.CreateInstance<IntegrationHub.Functions.GenerateReports.GenerateReportsFunction>(hub.App.Services);
        return (await function.RunOnceAsync(CancellationToken.None)).Generated;
    }
}
