using System.Text.RegularExpressions;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Ioc;

/// <summary>One request's outcome for one feed, aggregated so that feed status takes one write per request.</summary>
public sealed partial class IngestTally
{
    private const int MaxReasonLength = 120;

    public required string FeedId { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public long Accepted { get; private set; }
    public long Rejected { get; private set; }
    public long Duplicates { get; private set; }
    public Dictionary<(string Pointer, string Reason), long> Reasons { get; } = [];

    /// <summary>Arrival of the latest request with an accepted event among those counted here.</summary>
    public DateTimeOffset? LastAcceptedAt { get; private set; }

    /// <summary>Both tallies' counts together (same feed and hour), dated by the later one.</summary>
    public static IngestTally Merge(IngestTally a, IngestTally b)
    {
        var merged = new IngestTally { FeedId = a.FeedId, ReceivedAt = a.ReceivedAt >= b.ReceivedAt ? a.ReceivedAt : b.ReceivedAt };
        foreach (var t in new[] { a, b })
        {
            merged.Accepted += t.Accepted;
            merged.Rejected += t.Rejected;
            merged.Duplicates += t.Duplicates;
            foreach (var (key, count) in t.Reasons)
            {
                merged.Reasons[key] = merged.Reasons.GetValueOrDefault(key) + count;
            }

            if (t.LastAcceptedAt is { } last && (merged.LastAcceptedAt is null || last > merged.LastAcceptedAt))
            {
                merged.LastAcceptedAt = last;
            }
        }

        return merged;
    }

    public static IngestTally From(string feedId, DateTimeOffset receivedAt, IEnumerable<EventResult> results)
    {
        var tally = new IngestTally { FeedId = feedId, ReceivedAt = receivedAt };
        foreach (var result in results)
        {
            switch (result.Status)
            {
                case EventResult.Accepted:
                    tally.Accepted++;
                    break;
                case EventResult.Duplicate:
                    tally.Duplicates++;
                    break;
                default:
                    tally.Rejected++;
                    foreach (var error in result.Errors.DistinctBy(e => e.Pointer))
                    {
                        var key = (error.Pointer, Shorten(error.Detail));
                        tally.Reasons[key] = tally.Reasons.GetValueOrDefault(key) + 1;
                    }

                    break;
            }
        }

        tally.LastAcceptedAt = tally.Accepted > 0 ? receivedAt : null;
        return tally;
    }

    /// <summary>
    /// Reasons go to the IOC, so values a sender put in a bad field must not travel with them: quoted values are
    /// blanked (details quote values in single quotes) and the text is cut short.
    /// </summary>
    public static string Shorten(string detail)
    {
        var text = QuotedValue().Replace(detail, "'…'");
        return text.Length <= MaxReasonLength ? text : text[..(MaxReasonLength - 1)] + "…";
    }

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedValue();
}
