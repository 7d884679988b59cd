using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Tests.Support;

namespace IntegrationHub.Core.Tests.Validation.SecondValidator;

/// <summary>
/// Every sample of every feed gets the same verdict from the hub's validator and from JsonSchema.Net, schema by schema
/// (the envelope, then the data against the schema of the event's major). Departments validate with their own stack's
/// validator: a contract two mainstream validators read differently is a defect. The rules files are the hub's own
/// vocabulary, so they are not part of this comparison.
/// </summary>
public class SecondValidatorAgreementTests
{
    public static TheoryData<string> AllSamples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Contracts, "*.json", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}samples{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Both_validators_give_the_sample_the_same_verdict(string path)
    {
        var catalogue = Support.Contracts.Catalogue;
        var feed = catalogue.Find(path.Split('/')[1])!;
        using var evt = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, path)));
        var root = evt.RootElement;

        using var envelopeSchema = JsonDocument.Parse(catalogue.EnvelopeSchemaJson);
        AssertSameVerdict("envelope", catalogue.EnvelopeSchema.IsValid(root), envelopeSchema.RootElement, root);

        var version = VersionOf(feed, root);
        if (version is not null && root.TryGetProperty("data", out var data))
        {
            using var dataSchema = JsonDocument.Parse(version.SchemaJson);
            AssertSameVerdict(version.SchemaFile, version.Schema.IsValid(data), dataSchema.RootElement, data);
        }

        if (path.Contains("/samples/valid/", StringComparison.Ordinal))
        {
            Assert.NotNull(version);
            Assert.True(JsonSchemaNetValidator.IsValid(JsonSchemaNetValidator.Build(envelopeSchema.RootElement), root), "JsonSchema.Net rejects a valid sample's envelope");
        }
    }

    [Fact]
    public void Every_feed_and_major_is_covered_by_samples_of_both_verdicts()
    {
        foreach (var feed in Support.Contracts.Catalogue.Feeds)
        {
            foreach (var version in feed.Versions)
            {
                var folder = Path.Combine(RepoPaths.Contracts, feed.Id, "samples");
                var types = new[] { "valid", "invalid" }.Select(kind => Directory.GetFiles(Path.Combine(folder, kind), "*.json")
                    .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
                    .Count(f => TypeOf(f) == $"{feed.Id}.v{version.Major}")).ToArray();
                Assert.True(types[0] > 0 && types[1] > 0, $"{feed.Id} v{version.Major}: {types[0]} valid and {types[1]} invalid samples");
            }
        }
    }

    private static void AssertSameVerdict(string what, bool hub, JsonElement schema, JsonElement instance)
    {
        var compiled = JsonSchemaNetValidator.Build(schema);
        var second = JsonSchemaNetValidator.IsValid(compiled, instance);
        Assert.True(hub == second,
            $"{what}: the hub says {(hub ? "valid" : "invalid")}, JsonSchema.Net says {(second ? "valid" : "invalid")}: "
            + string.Join("; ", JsonSchemaNetValidator.ErrorLocations(compiled, instance)));
    }

    private static FeedVersion? VersionOf(FeedDefinition feed, JsonElement evt)
    {
        var type = evt.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        return feed.Versions.FirstOrDefault(v => type == $"{feed.Id}.v{v.Major}");
    }

    private static string? TypeOf(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        return document.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
    }
}
