namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>The formula kinds the configuration selects; docs/indicators.md describes each.</summary>
public static class MeasureKind
{
    /// <summary>Numerator ÷ denominator over a feed's records, each a count (optionally distinct) or a sum of fields.</summary>
    public const string Ratio = "ratio";

    /// <summary>Σ of fields (minus others) over a feed's records; the denominator is the number of records.</summary>
    public const string Sum = "sum";

    /// <summary>Σ(weight × field) ÷ Σ weight.</summary>
    public const string WeightedMean = "weightedMean";

    /// <summary>The largest value of a field.</summary>
    public const string Max = "max";

    /// <summary>A percentile (nearest rank) of a field over the records.</summary>
    public const string Percentile = "percentile";

    /// <summary>Catalogue feeds with an accepted record in the window ÷ catalogue feeds (feed status).</summary>
    public const string FeedsActive = "feedsActive";

    /// <summary>Catalogue feeds fresh now ÷ catalogue feeds (feed status).</summary>
    public const string FeedsFresh = "feedsFresh";

    /// <summary>Accepted ÷ (accepted + rejected) over the last 24 hours (feed status).</summary>
    public const string AcceptedShare = "acceptedShare";

    /// <summary>Feeds published nationally that the NDXP subscription delivered in the window ÷ catalogue feeds.</summary>
    public const string NdxpDelivered = "ndxpDelivered";

    /// <summary>Communes of the reference list with a record received in the window ÷ communes of the province.</summary>
    public const string CommunesReporting = "communesReporting";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Ratio, Sum, WeightedMean, Max, Percentile, FeedsActive, FeedsFresh, AcceptedShare, NdxpDelivered, CommunesReporting,
    };

    /// <summary>The kinds computed from a feed's records (the snapshot source) rather than from feed status.</summary>
    public static bool ReadsRecords(string kind) => kind is Ratio or Sum or WeightedMean or Max or Percentile or CommunesReporting;
}
