using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Functions.OpenDataExport;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Classification;

/// <summary>
/// The open-data export against real Azurite, over data ingested for every feed: only public feeds are exported, as aggregates
/// per commune; no file holds an entity key, a subject or any value of a non-public feed's records (nor a public record's
/// non-published fields); the container holds nothing else and anyone can read it; the CSV parses per RFC 4180 and the
/// JSON-LD is DCAT.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class OpenDataLeakTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private static readonly string[] PublicFeeds = ["culture.heritage-tourism", "env.observation"];

    private readonly string _container = "od" + Guid.NewGuid().ToString("N")[..12];
    private RunningHub _hub = null!;
    private FeedCatalogue _catalogue = null!;
    private Dictionary<string, List<string>> _subjects = null!;
    private Dictionary<string, string> _files = null!;

    public async Task InitializeAsync()
    {
        _hub = await RunningHub.StartAsync(fixture.Stack, $"--Hub:OpenData:Container={_container}");
        _catalogue = _hub.App.Services.GetRequiredService<FeedCatalogue>();
        _subjects = await PublicAndOtherFeeds.IngestAllAsync(_hub);
        var function = ActivatorUtilities.CreateInstance<OpenDataExportFunction>(_hub.App.Services);
        var report = await function.RunOnceAsync(CancellationToken.None);
        Assert.Equal(PublicFeeds, report.Datasets);

        var container = new BlobContainerClient(fixture.Stack.StorageConnectionString, _container);
        _files = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync())
        {
            var bytes = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
            _files[blob.Name] = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
    }

    public async Task DisposeAsync()
    {
        await new BlobContainerClient(fixture.Stack.StorageConnectionString, _container).DeleteIfExistsAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public void The_container_holds_the_catalogue_and_three_files_per_public_feed_and_nothing_else()
    {
        var expected = PublicFeeds.SelectMany(f => new[] { f + "/aggregates.csv", f + "/aggregates.json", f + "/dataset.jsonld" }).Append("catalog.jsonld");

        Assert.Equal(expected.Order(StringComparer.Ordinal), _files.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_file_holds_a_subject_an_entity_key_or_a_value_of_a_non_public_feed_nor_an_unpublished_field_of_a_public_one()
    {
        var forbidden = new HashSet<string>(StringComparer.Ordinal);
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feed in _catalogue.Feeds)
        {
            forbidden.UnionWith(_subjects[feed.Id]);
            if (!feed.IsPublic())
            {
                forbidden.Add(feed.Id);
                forbidden.Add(feed.Owner.Code);
            }
            else
            {
                allowed.Add(feed.Owner.Code); // the publisher of a public dataset may own non-public feeds too
            }

            var published = feed.OpenData is { } openData ? openData.Dimensions.Concat(openData.Measures.Select(m => m.Field)).Append(feed.CommuneField).ToHashSet() : [];
            foreach (var evt in Samples.Valid(feed.Id))
            {
                foreach (var (name, value) in evt["data"]!.AsObject())
                {
                    var values = Leaves(value).ToArray();
                    if (feed.IsPublic() && published.Contains(name))
                    {
                        allowed.UnionWith(values);
                    }
                    else if (name == feed.CommuneField)
                    {
                        allowed.UnionWith(values); // a commune code is what the export is keyed by
                    }
                    else if (feed.EntityKey.Contains(name))
                    {
                        // Key parts too short to search for (a map sheet number "5") are covered by the subject they make up.
                        forbidden.UnionWith(values.Where(v => v.Length >= 4));
                    }
                    else
                    {
                        forbidden.UnionWith(values.Where(Distinctive));
                    }
                }
            }
        }

        forbidden.ExceptWith(allowed);
        Assert.True(forbidden.Count > 50, $"only {forbidden.Count} values to look for");
        // Whole values only: WATER_LEVEL (a station type, not published) is not a leak inside WATER_LEVEL_CM (a published parameter).
        var leaks = _files.SelectMany(f => forbidden.Where(v => Regex.IsMatch(f.Value, @"(?<![\w.-])" + Regex.Escape(v) + @"(?![\w-]|\.\d)"))
            .Select(v => $"{f.Key}: {v}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public void The_csv_parses_per_rfc_4180_with_a_header_row_and_counts_every_public_entity_once()
    {
        foreach (var feedId in PublicFeeds)
        {
            var text = _files[feedId + "/aggregates.csv"];
            var records = Rfc4180.Parse(text);
            var header = records[0];
            var json = JsonNode.Parse(_files[feedId + "/aggregates.json"])!;

            Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal(["commune", "communeName"], header.Take(2));
            Assert.Contains("entities", header);
            Assert.All(records, r => Assert.Equal(header.Count, r.Count));
            Assert.Equal(json["columns"]!.AsArray().Select(c => (string)c!), header);
            var entities = header.IndexOf("entities");
            Assert.Equal(_subjects[feedId].Count, records.Skip(1).Sum(r => long.Parse(r[entities], CultureInfo.InvariantCulture)));
            Assert.Equal(records.Count - 1, json["rows"]!.AsArray().Count);
            Assert.All(records.Skip(1), r => Assert.Matches("^[0-9]{5}$", r[0]));
            Assert.Contains(records.Skip(1), r => r[1].Any(c => c > 127)); // commune names keep their diacritics (UTF-8)
        }
    }

    [Fact]
    public void The_env_observation_rows_summarise_each_parameter_per_commune()
    {
        var rows = JsonNode.Parse(_files["env.observation/aggregates.json"])!["rows"]!.AsArray();
        var values = Samples.Valid("env.observation").Select(e => e["data"]!).ToArray();

        foreach (var row in rows)
        {
            var group = values.Where(v => (string?)v["communeCode"] == (string?)row!["commune"] && (string?)v["parameterCode"] == (string?)row["parameterCode"]).ToArray();
            Assert.Equal(group.Length, (int)row!["entities"]!);
            Assert.Equal(group.Min(v => (decimal)v["value"]!), (decimal)row["value_min"]!);
            Assert.Equal(group.Max(v => (decimal)v["value"]!), (decimal)row["value_max"]!);
            Assert.Equal(group.Max(v => (int)v["alertLevel"]!), (int)row["alertLevel_max"]!);
        }
    }

    [Fact]
    public async Task The_catalogue_and_each_dataset_are_dcat_json_ld_whose_download_urls_anyone_can_read()
    {
        var catalog = JsonNode.Parse(_files["catalog.jsonld"])!;

        Assert.Equal("http://www.w3.org/ns/dcat#", (string?)catalog["@context"]!["dcat"]);
        Assert.Equal("http://purl.org/dc/terms/", (string?)catalog["@context"]!["dct"]);
        Assert.Equal("dcat:Catalog", (string?)catalog["@type"]);
        var datasets = catalog["dcat:dataset"]!.AsArray();
        Assert.Equal(PublicFeeds, datasets.Select(d => (string)d!["dct:identifier"]!));
        using var anonymous = new HttpClient();
        foreach (var dataset in datasets.Select(d => d!))
        {
            var own = JsonNode.Parse(_files[(string)dataset["dct:identifier"]! + "/dataset.jsonld"])!;
            Assert.Equal("dcat:Dataset", (string?)own["@type"]);
            Assert.True(JsonNode.DeepEquals(dataset["dct:title"], own["dct:title"]));
            foreach (var field in new[] { "dct:title", "dct:description", "dct:license", "dct:publisher", "dct:accrualPeriodicity", "dct:temporal", "dct:spatial", "dcat:distribution" })
            {
                Assert.True(dataset[field] is not null, $"{dataset["dct:identifier"]} lacks {field}");
            }

            Assert.Equal(["vi", "en"], dataset["dct:title"]!.AsArray().Select(t => (string)t!["@language"]!));
            Assert.StartsWith("https://creativecommons.org/licenses/", (string?)dataset["dct:license"]!["@id"], StringComparison.Ordinal);
            Assert.Equal("http://publications.europa.eu/resource/authority/frequency/DAILY", (string?)dataset["dct:accrualPeriodicity"]!["@id"]);
            Assert.Equal("dct:PeriodOfTime", (string?)dataset["dct:temporal"]!["@type"]);
            Assert.True(DateTimeOffset.Parse((string)dataset["dct:temporal"]!["dcat:startDate"]!["@value"]!, CultureInfo.InvariantCulture)
                <= DateTimeOffset.Parse((string)dataset["dct:temporal"]!["dcat:endDate"]!["@value"]!, CultureInfo.InvariantCulture));
            Assert.Equal("25", (string?)dataset["dct:spatial"]!["dct:identifier"]);
            var distributions = dataset["dcat:distribution"]!.AsArray();
            Assert.Equal(["https://www.iana.org/assignments/media-types/text/csv", "https://www.iana.org/assignments/media-types/application/json"],
                distributions.Select(d => (string)d!["dcat:mediaType"]!["@id"]!));
            foreach (var distribution in distributions)
            {
                // No credentials: the container allows anonymous reads of its blobs.
                using var response = await anonymous.GetAsync((string)distribution!["dcat:downloadURL"]!["@id"]!);
                Assert.True(response.IsSuccessStatusCode, $"{distribution["dcat:downloadURL"]}: {(int)response.StatusCode}");
            }
        }
    }

    private static IEnumerable<string> Leaves(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value)),
        JsonArray a => a.SelectMany(Leaves),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [(string)v!],
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [v.ToJsonString()],
        _ => [],
    };

    /// <summary>A value that could not turn up in an export by chance: text of five or more characters (not a date or time), or a decimal number of five or more digits.</summary>
    private static bool Distinctive(string value) =>
        value.Length >= 5 && (value.Any(char.IsLetter) ? !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, out _) : value.Contains('.') && value.Count(char.IsDigit) >= 5);
}
