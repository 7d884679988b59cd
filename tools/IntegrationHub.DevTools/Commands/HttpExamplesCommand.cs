using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Contracts.Api;

namespace IntegrationHub.DevTools.Commands;

/// <summary><c>dev/http-examples</c>: writes docs/http/&lt;feed-id&gt;.http from each feed's valid samples. Run it after changing samples.</summary>
internal static class HttpExamplesCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var catalogue = FeedCatalogue.Load(RepoLocator.Contracts);
        var folder = Path.Combine(RepoLocator.Root, "docs", "http");
        Directory.CreateDirectory(folder);
        foreach (var feed in catalogue.Feeds)
        {
            var samples = Directory.GetFiles(Path.Combine(RepoLocator.Contracts, feed.Id, "samples", "valid"), "*.json")
                .Order(StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
                .ToArray();
            var path = Path.Combine(folder, feed.Id + ".http");
            await File.WriteAllTextAsync(path, HttpExamplesBuilder.Build(feed, samples));
            Console.WriteLine($"wrote {Path.GetRelativePath(RepoLocator.Root, path)} ({samples.Length} requests)");
        }

        return 0;
    }
}
