using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Classification;

/// <summary>
/// Which role reads which feed, over real HTTP (Kestrel on loopback, development-issuer tokens) against real Azurite: every role
/// set × every feed × every record-level read endpoint (snapshot, list, history). Public and internal feeds are read with
/// <c>Snapshots.Read</c>; restricted feeds only with their own <c>Snapshots.Read.&lt;feedId&gt;</c>; <c>Hub.Admin</c> reads nothing.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ClassificationMatrixTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private const string Land = "land.parcel-record";
    private const string Security = "sec.system-security-status";

    private static readonly string[][] RoleSets =
    [
        ["Feeds.Publish.edu.school-status"],
        ["Hub.Admin"],
        ["Snapshots.Read"],
        ["Snapshots.Read." + Land],
        ["Snapshots.Read." + Security],
        ["Snapshots.Read", "Snapshots.Read." + Land],
        ["Hub.Admin", "Snapshots.Read." + Security],
        ["Snapshots.Read", "Snapshots.Read." + Land, "Snapshots.Read." + Security],
    ];

    private RunningHub _hub = null!;
    private Dictionary<string, List<string>> _subjects = null!;

    public async Task InitializeAsync()
    {
        // The matrix sends a few hundred requests from one application; its rate limit is not what is tested here.
        _hub = await RunningHub.StartAsync(fixture.Stack, "--Hub:RateLimits:Default:RequestsPerSecond=100000", "--Hub:RateLimits:Default:Burst=100000");
        _subjects = await PublicAndOtherFeeds.IngestAllAsync(_hub);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public void The_catalogue_classifies_two_feeds_public_two_restricted_and_the_rest_internal()
    {
        var catalogue = _hub.App.Services.GetRequiredService<FeedCatalogue>();

        Assert.Equal(["culture.heritage-tourism", "env.observation"], catalogue.Feeds.Where(f => f.Classification == "public").Select(f => f.Id));
        Assert.Equal([Land, Security], catalogue.Feeds.Where(f => f.Classification == "restricted").Select(f => f.Id));
        Assert.Equal(6, catalogue.Feeds.Count(f => f.Classification == "internal"));
    }

    [Fact]
    public async Task Every_role_set_reads_exactly_the_feeds_its_roles_grant_on_every_read_endpoint()
    {
        var catalogue = _hub.App.Services.GetRequiredService<FeedCatalogue>();
        var failures = new List<string>();
        var checkedCells = 0;
        foreach (var roles in RoleSets)
        {
            using var client = _hub.Client();
            var application = roles[0].StartsWith("Feeds.Publish.", StringComparison.Ordinal) ? "edu-sector-db" : "ioc-reader";
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _hub.Token(application, roles));
            foreach (var feed in catalogue.Feeds)
            {
                var required = feed.Classification == "restricted" ? "Snapshots.Read." + feed.Id : "Snapshots.Read";
                var allowed = roles.Contains(required);
                var subject = Uri.EscapeDataString(_subjects[feed.Id][0]);
                foreach (var path in new[] { $"/api/snapshots/{feed.Id}/{subject}", $"/api/snapshots/{feed.Id}", $"/api/snapshots/{feed.Id}/{subject}/history" })
                {
                    checkedCells++;
                    using var response = await client.GetAsync(path);
                    var body = await response.Content.ReadAsStringAsync();
                    var cell = $"[{string.Join(" ", roles)}] GET {path}";
                    if (allowed)
                    {
                        if (response.StatusCode != HttpStatusCode.OK || !body.Contains(_subjects[feed.Id][0], StringComparison.Ordinal))
                        {
                            failures.Add($"{cell}: expected 200 with the entity, got {(int)response.StatusCode}");
                        }
                    }
                    else if (response.StatusCode != HttpStatusCode.Forbidden
                        || (string?)JsonNode.Parse(body)!["missingRoles"]![0] != required
                        || body.Contains(_subjects[feed.Id][0], StringComparison.Ordinal))
                    {
                        failures.Add($"{cell}: expected 403 missing-role {required} without the entity, got {(int)response.StatusCode} {body}");
                    }
                }
            }
        }

        Assert.Equal(RoleSets.Length * catalogue.Feeds.Count * 3, checkedCells);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_indicators_and_the_feed_status_carry_aggregates_only_no_entity_of_any_feed()
    {
        using var reader = _hub.Client();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _hub.Token("ioc-reader", "Snapshots.Read"));

        var indicators = await reader.GetStringAsync("/api/indicators");
        var status = await reader.GetStringAsync("/api/feeds/status");

        Assert.Contains("\"indicators\"", indicators, StringComparison.Ordinal);
        Assert.Contains("\"feeds\"", status, StringComparison.Ordinal);

        // The indicators break down by public institution where FEEDS.md asks for it (facility, school, site, station):
        // those rows are aggregates of one institution's reports, keyed by its public code. Apart from them no entity
        // appears, and no entity of a restricted feed appears anywhere.
        var withoutInstitutions = JsonNode.Parse(indicators)!;
        foreach (var indicator in withoutInstitutions["indicators"]!.AsArray())
        {
            var breakdowns = indicator!["breakdowns"]!.AsObject();
            foreach (var institution in new[] { "facility", "school", "site", "station" })
            {
                breakdowns.Remove(institution);
            }
        }

        var aggregates = withoutInstitutions.ToJsonString();
        foreach (var (feedId, subjects) in _subjects)
        {
            var restricted = _hub.App.Services.GetRequiredService<FeedCatalogue>().Find(feedId)!.Classification == "restricted";
            Assert.All(subjects, s =>
            {
                Assert.DoesNotContain("\"" + s + "\"", restricted ? indicators : aggregates, StringComparison.Ordinal);
                Assert.DoesNotContain("\"" + s + "\"", status, StringComparison.Ordinal);
            });
        }
    }
}
