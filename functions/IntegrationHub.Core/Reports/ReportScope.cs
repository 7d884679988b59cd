using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// Whom a report is for: the whole province (every feed) or one department, by its catalogue owner code (e.g. <c>SGDDT</c>),
/// with the feeds it owns.
/// </summary>
public sealed record ReportScope(string Code, LocalizedText Name, IReadOnlyList<string> FeedIds)
{
    public const string Province = "province";

    public bool IsProvince => Code == Province;

    /// <summary>The province, then each department owning a feed, in code order.</summary>
    public static IReadOnlyList<ReportScope> All(FeedCatalogue catalogue)
    {
        var scopes = new List<ReportScope> { new(Province, new LocalizedText("Toàn tỉnh", "Province"), catalogue.Feeds.Select(f => f.Id).ToArray()) };
        scopes.AddRange(catalogue.Feeds.GroupBy(f => f.Owner.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReportScope(g.Key, g.First().Owner.Name, g.Select(f => f.Id).ToArray())));
        return scopes;
    }
}
