using System.Globalization;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// The earliest instant the hub can answer "as it was then" for: now less the feeds' <c>retention.historyDays</c>.
/// RetentionPurge removes the history and as-of rows before it, so an earlier instant is refused rather than answered
/// from what is left.
/// </summary>
public static class RetentionHorizon
{
    public static DateTimeOffset Of(IEnumerable<FeedDefinition> feeds, DateTimeOffset now) => now.AddDays(-feeds.Min(f => f.Retention.HistoryDays));

    /// <returns>A 400 naming <paramref name="parameter"/> and the horizon when <paramref name="instant"/> is before it; else null.</returns>
    public static IResult? Refusal(string parameter, DateTimeOffset instant, DateTimeOffset now, IReadOnlyList<FeedDefinition> feeds)
    {
        var horizon = Of(feeds, now);
        if (instant >= horizon)
        {
            return null;
        }

        var days = feeds.Min(f => f.Retention.HistoryDays);
        return Problems.Result(400, "before-retention-horizon", "Before the history the hub keeps",
            $"'{parameter}' is before {horizon.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)}: history is kept {days} days " +
            $"({string.Join(", ", feeds.Where(f => f.Retention.HistoryDays == days).Select(f => f.Id))}, retention.historyDays), so the state before that is not known.",
            new Dictionary<string, object?> { ["parameter"] = parameter, ["horizon"] = horizon });
    }
}
