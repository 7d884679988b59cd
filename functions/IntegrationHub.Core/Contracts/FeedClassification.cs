namespace IntegrationHub.Core.Contracts;

/// <summary>
/// The catalogue's <c>classification</c> of a feed and what it means for readers: <c>public</c> feeds may be published as
/// open-data aggregates; the records of <c>public</c> and <c>internal</c> feeds are read with <c>Snapshots.Read</c>;
/// the records of <c>restricted</c> feeds only with the feed's own role <c>Snapshots.Read.&lt;feedId&gt;</c>.
/// </summary>
public static class FeedClassification
{
    public const string Public = "public";
    public const string Internal = "internal";
    public const string Restricted = "restricted";

    /// <summary>The app role that reads the records of public and internal feeds.</summary>
    public const string ReadRole = "Snapshots.Read";

    /// <summary>The prefix of a restricted feed's own read role.</summary>
    public const string FeedReadRolePrefix = ReadRole + ".";

    public static readonly IReadOnlyList<string> All = [Public, Internal, Restricted];

    /// <summary>The one app role that reads this feed's records (snapshots, history, listings).</summary>
    public static string RecordReadRole(this FeedDefinition feed) =>
        feed.Classification == Restricted ? FeedReadRolePrefix + feed.Id : ReadRole;

    public static bool IsPublic(this FeedDefinition feed) => feed.Classification == Public;
}
