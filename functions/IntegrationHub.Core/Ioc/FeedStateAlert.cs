using System.Security.Cryptography;
using System.Text;
using Amqp;
using IntegrationHub.Core.Messaging;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// The alert raised when a feed changes state, as a CloudEvent in the AMQP binding (binary mode) on
/// <c>lgsp.hub.alerts.v1</c>. The message id is derived from the change itself, so a repeat (two monitors, a retry)
/// is dropped by duplicate detection.
/// </summary>
public static class FeedStateAlert
{
    public const string Type = "lgsp.hub.alert.feed-state.v1";

    public static string Source(string provinceCode) => AlertMessage.Source(provinceCode);

    public static Message ToMessage(string provinceCode, string feedId, string previous, string current, DateTimeOffset? lastEventAt,
        string cadence, DateTimeOffset at)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{feedId}\n{previous}\n{current}\n{lastEventAt?.UtcTicks}")))[..32];
        return AlertMessage.Create(provinceCode, Type, id, feedId, at, new AlertData(feedId, previous, current, lastEventAt, cadence, at));
    }

    private sealed record AlertData(string FeedId, string Previous, string Current, DateTimeOffset? LastEventAt, string Cadence, DateTimeOffset CheckedAt);
}
