using System.Xml;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// The freshness rules: late past <see cref="IocOptions.LateFactor"/> × cadence since the last accepted event,
/// silent past <see cref="IocOptions.SilentFactor"/> × cadence; a feed that never sent is silent.
/// </summary>
public sealed class FreshnessRules(IocOptions options)
{
    public TimeSpan Cadence(FeedDefinition feed) =>
        options.CadenceOverrides.TryGetValue(feed.Id, out var text) && TryParseDuration(text, out var cadence) ? cadence : feed.Cadence;

    public string CadenceText(FeedDefinition feed) =>
        options.CadenceOverrides.TryGetValue(feed.Id, out var text) && TryParseDuration(text, out _) ? text : feed.CadenceText;

    public TimeSpan LateAfter(FeedDefinition feed) => Cadence(feed) * options.LateFactor;

    public TimeSpan SilentAfter(FeedDefinition feed) => Cadence(feed) * options.SilentFactor;

    public string Evaluate(FeedDefinition feed, DateTimeOffset? lastEventAt, DateTimeOffset now)
    {
        if (lastEventAt is null)
        {
            return FeedState.Silent;
        }

        var elapsed = now - lastEventAt.Value;
        return elapsed > SilentAfter(feed) ? FeedState.Silent
            : elapsed > LateAfter(feed) ? FeedState.Late
            : FeedState.Fresh;
    }

    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
