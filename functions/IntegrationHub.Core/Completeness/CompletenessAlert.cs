using System.Security.Cryptography;
using System.Text;
using Amqp;
using IntegrationHub.Core.Messaging;

namespace IntegrationHub.Core.Completeness;

/// <summary>
/// The alert raised when a sender of a feed goes silent (its last <see cref="CompletenessOptions.SilentPeriods"/> due periods
/// missing), reaches a late streak (<see cref="CompletenessOptions.LateStreakAlert"/> late periods in a row), or recovers from
/// either, on <c>lgsp.hub.alerts.v1</c> beside the freshness alerts. The message id is derived from the change and the
/// latest due period, so a repeat is dropped by duplicate detection.
/// </summary>
public static class CompletenessAlert
{
    public const string Type = "lgsp.hub.alert.completeness.v1";

    public static Message ToMessage(string provinceCode, string feedId, string source, string previous, string current, CompletenessSummary summary,
        ReportingPeriod? latestDue, string cadence, DateTimeOffset at)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"completeness\n{feedId}\n{source}\n{previous}\n{current}\n{latestDue?.Start.UtcTicks}")))[..32];
        return AlertMessage.Create(provinceCode, Type, id, feedId, at, new AlertData(feedId, source, previous, current, cadence,
            summary.State, summary.LateStreak, summary.MissingStreak, latestDue?.Start, latestDue?.Deadline, at));
    }

    private sealed record AlertData(string FeedId, string Source, string Previous, string Current, string Cadence, string State, int LateStreak,
        int MissingStreak, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodDeadline, DateTimeOffset CheckedAt);
}
