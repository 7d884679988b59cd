using System.Text.Json;
using IntegrationHub.Core.Tests.Support;

namespace IntegrationHub.Core.Tests.Contracts;

public class SampleTests
{
    public static TheoryData<string> ValidSamples() => Files("valid");

    public static TheoryData<string> InvalidSamples() => Files("invalid");

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void Valid_sample_has_no_errors(string path)
    {
        var (feed, evt) = Load(path);
        var check = Support.Contracts.Validator().Validate(feed, evt.RootElement);
        Assert.True(check.IsValid, string.Join("; ", check.Errors.Select(e => $"{e.Pointer}: {e.Detail}")));
        Assert.NotNull(check.Subject);
    }

    [Theory]
    [MemberData(nameof(InvalidSamples))]
    public void Invalid_sample_reports_exactly_its_expected_pointers(string path)
    {
        var (feed, evt) = Load(path);
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, path[..^5] + ".expected.json")));
        var pointers = expected.RootElement.GetProperty("pointers").EnumerateArray().Select(p => p.GetString()!).ToHashSet();

        var check = Support.Contracts.Validator().Validate(feed, evt.RootElement);

        Assert.False(check.IsValid);
        Assert.Equal(pointers.Order(), check.Errors.Select(e => e.Pointer).ToHashSet().Order());
        Assert.All(check.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Detail)));
    }

    [Fact]
    public void Every_feed_has_at_least_four_valid_and_eight_invalid_samples()
    {
        foreach (var feed in Support.Contracts.Catalogue.Feeds)
        {
            var folder = Path.Combine(RepoPaths.Contracts, feed.Id, "samples");
            Assert.True(Directory.GetFiles(Path.Combine(folder, "valid"), "*.json").Length >= 4, feed.Id);
            var invalid = Directory.GetFiles(Path.Combine(folder, "invalid"), "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).ToArray();
            Assert.True(invalid.Length >= 8, feed.Id);
            Assert.All(invalid, f => Assert.True(File.Exists(f[..^5] + ".expected.json"), f));
        }
    }

    [Fact]
    public void Valid_samples_use_communes_of_the_default_province_and_the_feed_type()
    {
        foreach (var path in SamplePaths("valid"))
        {
            var (feed, evt) = Load(path);
            var root = evt.RootElement;
            Assert.Contains(root.GetProperty("type").GetString(), feed.Versions.Select(v => $"{feed.Id}.v{v.Major}"));
            if (feed.HasCommuneField && root.GetProperty("data").TryGetProperty(feed.CommuneField, out var commune) && commune.ValueKind == JsonValueKind.String)
            {
                Assert.Equal("25", Support.Contracts.AdminUnits.Find("QD19-2025", commune.GetString()!)?.ProvinceCode);
            }
        }
    }

    private static (IntegrationHub.Core.Contracts.FeedDefinition Feed, JsonDocument Event) Load(string relativePath)
    {
        var feedId = relativePath.Split('/')[1];
        var feed = Support.Contracts.Catalogue.Find(feedId) ?? throw new InvalidOperationException(feedId);
        return (feed, JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, relativePath))));
    }

    private static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var path in SamplePaths(kind))
        {
            data.Add(path);
        }

        return data;
    }

    private static IEnumerable<string> SamplePaths(string kind) =>
        Directory.GetFiles(RepoPaths.Contracts, "*.json", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}samples{Path.DirectorySeparatorChar}{kind}{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(file => Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'));
}
