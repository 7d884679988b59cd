namespace IntegrationHub.Core.Contracts;

/// <summary>A catalogue entry: who owns a feed, what identifies its entities and where it is published.</summary>
public sealed class FeedDefinition
{
    public required string Id { get; init; }
    public required string Code { get; init; }
    public required LocalizedText Title { get; init; }
    public required string Domain { get; init; }
    public required FeedOwner Owner { get; init; }
    public required string Grain { get; init; }
    public required IReadOnlyList<string> EntityKey { get; init; }
    /// <summary>The <c>data</c> field holding the commune code; empty for a feed whose records have no commune (<c>"communeField": null</c>).</summary>
    public required string CommuneField { get; init; }

    public bool HasCommuneField => CommuneField.Length > 0;
    public required TimeSpan Cadence { get; init; }
    public required string CadenceText { get; init; }

    /// <summary>Whether every entity reports once per cadence (<see cref="FeedReporting.EachPeriod"/>) or only when it changes.</summary>
    public string Reporting { get; init; } = FeedReporting.EachPeriod;
    public required bool PublishToNdxp { get; init; }
    public required string Classification { get; init; }
    public required IReadOnlyList<string> Sources { get; init; }
    public required IReadOnlyList<FeedVersion> Versions { get; init; }

    /// <summary>How long history rows and archived request bodies are kept (the catalogue's <c>retention</c>).</summary>
    public required FeedRetention Retention { get; init; }
    /// <summary>The open-data block of a public feed (dataset metadata and what is aggregated); null for the others.</summary>
    public OpenDataDefinition? OpenData { get; init; }

    /// <summary>The app role a sending system needs to publish to this feed.</summary>
    public string PublishRole => "Feeds.Publish." + Id;

    public FeedVersion? FindVersion(int major)
    {
        foreach (var version in Versions)
        {
            if (version.Major == major)
            {
                return version;
            }
        }

        return null;
    }
}
