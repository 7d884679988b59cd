using System.Globalization;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.AsOf;

/// <summary>
/// Keys of the rows behind as-of queries, in the feed's entity partitions of the Entities table (docs/as-of.md):
/// <list type="bullet">
/// <item><c>r|&lt;UTC ticks of arrival&gt;|&lt;key hash prefix&gt;</c>: one per accepted event, written in the event's entity
/// transaction, so the events that arrived in a time range are one row-key range;</item>
/// <item><c>c|&lt;UTC ticks of the cut-off&gt;|&lt;commune&gt;|&lt;subject&gt;</c>: each entity's state at a checkpoint;</item>
/// <item>partition <c>&lt;feedId&gt;|checkpoints</c>, row <c>&lt;ticks to the end of time&gt;</c>: a checkpoint's manifest, written
/// last, so the first row at or after an instant's key is the newest complete checkpoint at or before it.</item>
/// </list>
/// </summary>
public static class AsOfKeys
{
    public const string ArrivalRowPrefix = "r|";
    public const string CheckpointRowPrefix = "c|";

    public static string ArrivalRowKey(DateTimeOffset receivedAt, string keyHash) => ArrivalRowPrefix + TableKeys.Ticks(receivedAt) + "|" + keyHash[..16];

    /// <summary>
    /// The row key between the arrival rows of events that arrived at or before <paramref name="time"/> and those after it:
    /// the exclusive upper bound of the first, the inclusive lower bound of the second.
    /// </summary>
    public static string ArrivalBoundary(DateTimeOffset time) => ArrivalRowPrefix + TableKeys.Ticks(time) + "}";

    public static string CheckpointPrefix(DateTimeOffset cutoff, string? commune) =>
        CheckpointRowPrefix + TableKeys.Ticks(cutoff) + "|" + (commune is null ? "" : TableKeys.Escape(commune) + "|");

    public static string CheckpointRowKey(DateTimeOffset cutoff, string commune, string subject) => CheckpointPrefix(cutoff, commune) + TableKeys.Escape(subject);

    public static string ManifestPartition(string feedId) => feedId + "|checkpoints";

    public static string ManifestRowKey(DateTimeOffset cutoff) =>
        (DateTimeOffset.MaxValue.UtcTicks - cutoff.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Lower bound (inclusive) of the entity partitions <c>&lt;feedId&gt;|b0</c>…<c>b7</c>; the upper bound (exclusive) is <see cref="EntityPartitionsEnd"/>.</summary>
    public static string EntityPartitionsStart(string feedId) => feedId + "|b";

    public static string EntityPartitionsEnd(string feedId) => feedId + "|c";

    /// <summary>The upper bound of a prefix's range: '|' sorts just below '}'.</summary>
    public static string End(string prefix) => prefix[..^1] + "}";
}
