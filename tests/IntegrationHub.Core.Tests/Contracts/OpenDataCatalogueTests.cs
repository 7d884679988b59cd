using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Tests.Contracts;

/// <summary>The loader's checks of <c>classification</c> and <c>openData</c>, on copies of the real contracts with one entry changed.</summary>
public sealed class OpenDataCatalogueTests : IDisposable
{
    private static readonly string Contracts = RepoPaths.Contracts;
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "hub-contracts-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_real_catalogue_has_open_data_for_its_public_feeds_only()
    {
        var catalogue = FeedCatalogue.Load(Contracts);

        Assert.Equal(["culture.heritage-tourism", "env.observation"], catalogue.Feeds.Where(f => f.OpenData is not null).Select(f => f.Id));
        Assert.All(catalogue.Feeds.Where(f => f.OpenData is not null), f => Assert.True(f.IsPublic()));
        var env = catalogue.Find("env.observation")!.OpenData!;
        Assert.Equal(["parameterCode"], env.Dimensions);
        Assert.Equal(["value", "alertLevel"], env.Measures.Select(m => m.Field));
        Assert.Equal(["min", "mean", "max"], env.Measures[0].Statistics);
    }

    [Theory]
    [InlineData("edu.school-status", "only for feeds classified 'public'")]
    [InlineData("land.parcel-record", "only for feeds classified 'public'")]
    public void Open_data_on_a_non_public_feed_stops_the_load(string feedId, string message)
    {
        var openData = Entry("culture.heritage-tourism")["openData"]!.DeepClone();
        Change(feedId, e => e["openData"] = openData);

        AssertRefused(message);
    }

    [Theory]
    [InlineData("siteCode", "part of the entity key")]
    [InlineData("communeCode", "part of the entity key or the commune")]
    [InlineData("siteType", "integer or number property")]
    [InlineData("noSuchField", "integer or number property")]
    public void A_measure_that_is_an_identifier_or_not_a_number_stops_the_load(string field, string message)
    {
        Change("culture.heritage-tourism", e => e["openData"]!["measures"]![0]!["field"] = field);

        AssertRefused(message);
    }

    [Theory]
    [InlineData("periodMonth", "enumerated (enum) property")]
    [InlineData("communeCode", "the commune")]
    public void A_dimension_that_is_not_an_enumeration_stops_the_load(string field, string message)
    {
        Change("culture.heritage-tourism", e => e["openData"]!["dimensions"] = new JsonArray(field));

        AssertRefused(message);
    }

    [Theory]
    [InlineData("median")]
    [InlineData("")]
    public void An_unknown_statistic_stops_the_load(string statistic)
    {
        Change("culture.heritage-tourism", e => e["openData"]!["measures"]![0]!["statistics"] = new JsonArray(statistic));

        AssertRefused("'statistics' lists some of sum, mean, min, max");
    }

    [Fact]
    public void A_licence_that_is_not_a_url_stops_the_load()
    {
        Change("culture.heritage-tourism", e => e["openData"]!["license"] = "CC-BY-4.0");

        AssertRefused("absolute http(s) URL");
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("Public")]
    public void A_classification_outside_the_three_stops_the_load(string classification)
    {
        Change("edu.school-status", e => e["classification"] = classification);

        AssertRefused("'classification' must be one of public, internal, restricted");
    }

    public void Dispose()
    {
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    private static JsonObject Entry(string feedId) => JsonNode.Parse(File.ReadAllText(Path.Combine(Contracts, feedId, "feed.json")))!.AsObject();

    private void Change(string feedId, Action<JsonObject> change)
    {
        foreach (var file in Directory.GetFiles(Contracts, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(Contracts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var entry = Entry(feedId);
        change(entry);
        File.WriteAllText(Path.Combine(_copy, feedId, "feed.json"), entry.ToJsonString());
    }

    private void AssertRefused(string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => FeedCatalogue.Load(_copy));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
