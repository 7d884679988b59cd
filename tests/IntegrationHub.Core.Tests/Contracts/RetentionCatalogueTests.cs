using System.Text.RegularExpressions;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Tests.Support;

namespace IntegrationHub.Core.Tests.Contracts;

/// <summary>The catalogue's <c>retention</c>: every feed states it, and the loader refuses a missing or inconsistent one, naming the file.</summary>
public sealed class RetentionCatalogueTests
{
    [Fact]
    public void Every_feed_keeps_its_archive_at_least_as_long_as_its_history()
    {
        Assert.Equal(10, Support.Contracts.Catalogue.Feeds.Count);
        Assert.All(Support.Contracts.Catalogue.Feeds, f =>
        {
            Assert.InRange(f.Retention.HistoryDays, 1, FeedRetention.MaxDays);
            Assert.InRange(f.Retention.ArchiveDays, f.Retention.HistoryDays, FeedRetention.MaxDays);
        });
    }

    [Theory]
    [InlineData("", "'retention' is required")]
    [InlineData("\"retention\": { \"historyDays\": 0, \"archiveDays\": 30 },", "'retention.historyDays' must be a whole number of days from 1 to 36500")]
    [InlineData("\"retention\": { \"historyDays\": 30, \"archiveDays\": 1.5 },", "'retention.archiveDays' must be a whole number")]
    [InlineData("\"retention\": { \"historyDays\": 365, \"archiveDays\": 30 },", "'retention.archiveDays' (30) must not be shorter than 'retention.historyDays' (365)")]
    public void A_feed_without_a_valid_retention_stops_the_load_naming_its_file(string retention, string message)
    {
        var folder = CopyContracts();
        try
        {
            var entry = Path.Combine(folder, "edu.school-status", "feed.json");
            File.WriteAllText(entry, Regex.Replace(File.ReadAllText(entry), "\"retention\": \\{[^}]*\\},", retention));

            var error = Assert.Throws<InvalidDataException>(() => FeedCatalogue.Load(folder));

            Assert.Contains("feed.json", error.Message);
            Assert.Contains(message, error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string CopyContracts()
    {
        var target = Path.Combine(Path.GetTempPath(), "contracts-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.GetFiles(RepoPaths.Contracts, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RepoPaths.Contracts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
