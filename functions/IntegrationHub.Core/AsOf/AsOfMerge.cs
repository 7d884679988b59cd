namespace IntegrationHub.Core.AsOf;

/// <summary>
/// The rule that decides an entity's state at an instant, the same rule the snapshot follows at ingest: among the events
/// that had arrived by then, the newest by event time; at the same event time the later arrival; then a recorded event
/// over a bound of the same times; then the key hash, so the answer never depends on the order rows are read.
/// </summary>
public static class AsOfMerge
{
    /// <summary>Orders observations; the greatest is the entity's state.</summary>
    public static int Compare(AsOfObservation a, AsOfObservation b)
    {
        var byTime = a.EventTime.UtcTicks.CompareTo(b.EventTime.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var byArrival = a.ReceivedAt.UtcTicks.CompareTo(b.ReceivedAt.UtcTicks);
        if (byArrival != 0)
        {
            return byArrival;
        }

        return a.IsRecord != b.IsRecord ? (a.IsRecord ? 1 : -1) : string.CompareOrdinal(a.KeyHash, b.KeyHash);
    }

    /// <summary>The newest observation that had arrived by <paramref name="asOf"/>; null when none had.</summary>
    public static AsOfObservation? Best(IEnumerable<AsOfObservation> observations, DateTimeOffset asOf)
    {
        AsOfObservation? best = null;
        foreach (var o in observations)
        {
            if (o.ReceivedAt <= asOf && (best is null || Compare(o, best) > 0))
            {
                best = o;
            }
        }

        return best;
    }

    /// <summary>
    /// The state to list in <paramref name="commune"/> (null: any), or null. A bound that wins means the entity's state is an
    /// event this read did not see, so one recorded elsewhere: the entity is not listed here.
    /// </summary>
    public static AsOfObservation? StateIn(IEnumerable<AsOfObservation> observations, DateTimeOffset asOf, string? commune) =>
        Best(observations, asOf) is { IsRecord: true } best && (commune is null || best.Commune == commune) ? best : null;
}
