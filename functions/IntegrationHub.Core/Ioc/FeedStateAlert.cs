using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amqp;
using Amqp.Framing;
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

    public static string Source(string provinceCode) => $"urn:lgsp:{provinceCode}:hub";

    public static Message ToMessage(string provinceCode, string feedId, string previous, string current, DateTimeOffset? lastEventAt,
        string cadence, DateTimeOffset at)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{feedId}\n{previous}\n{current}\n{lastEventAt?.UtcTicks}")))[..32];
        var data = JsonSerializer.SerializeToUtf8Bytes(new AlertData(feedId, previous, current, lastEventAt, cadence, at), AlertJson);
        var prefix = CloudEventAmqpMapper.Prefix;
        return new Message
        {
            Header = new Header { Durable = true },
            Properties = new Properties { MessageId = id, Subject = feedId, ContentType = "application/json", CreationTime = at.UtcDateTime },
            ApplicationProperties = new ApplicationProperties
            {
                [prefix + "specversion"] = "1.0",
                [prefix + "type"] = Type,
                [prefix + "source"] = Source(provinceCode),
                [prefix + "id"] = id,
                [prefix + "time"] = at.UtcDateTime,
                [prefix + "subject"] = feedId,
            },
            BodySection = new Data { Binary = data },
        };
    }

    private static readonly JsonSerializerOptions AlertJson = new(JsonSerializerDefaults.Web);

    private sealed record AlertData(string FeedId, string Previous, string Current, DateTimeOffset? LastEventAt, string Cadence, DateTimeOffset CheckedAt);
}
