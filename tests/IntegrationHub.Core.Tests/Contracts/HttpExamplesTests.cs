using IntegrationHub.Core.Contracts.Api;
using IntegrationHub.Core.Tests.Support;

namespace IntegrationHub.Core.Tests.Contracts;

public class HttpExamplesTests
{
    [Fact]
    public void Every_feed_has_a_current_http_file_generated_from_its_valid_samples()
    {
        var folder = Path.Combine(RepoPaths.Root, "docs", "http");
        foreach (var feed in Support.Contracts.Catalogue.Feeds)
        {
            var samples = Directory.GetFiles(Path.Combine(RepoPaths.Contracts, feed.Id, "samples", "valid"), "*.json")
                .Order(StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
                .ToArray();
            var path = Path.Combine(folder, feed.Id + ".http");
            Assert.True(File.Exists(path), $"{path} is missing: run dev/http-examples");
            var expected = HttpExamplesBuilder.Build(feed, samples);
            Assert.True(expected == File.ReadAllText(path), $"{path} is out of date with the samples: run dev/http-examples");
            Assert.Equal(samples.Length, File.ReadAllText(path).Split("\n### ").Length - 1);
        }

        Assert.Equal(Support.Contracts.Catalogue.Feeds.Count, Directory.GetFiles(folder, "*.http").Length);
    }
}
