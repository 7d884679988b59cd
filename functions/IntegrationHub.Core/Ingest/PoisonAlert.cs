using System.Text.Json;
using Amqp;
using Amqp.Framing;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// The alert raised when the relay gives up on an event and moves it to the poison table, on <c>lgsp.hub.alerts.v1</c>
/// beside the freshness alerts. The record itself is not in it, only where to find it; the message id is the event's
/// key hash with a suffix, so a repeated alert is dropped by duplicate detection.
/// </summary>
public static class PoisonAlert
{
    public const string Type = "lgsp.hub.alert.poison-event.v1";

    public static Message ToMessage(string provinceCode, PoisonEntry entry)
    {
        var id = entry.KeyHash[..32] + "-poison";
        var data = JsonSerializer.SerializeToUtf8Bytes(new AlertData(entry.FeedId, entry.Topic, entry.KeyHash, entry.EventId, entry.Subject, entry.Attempts,
            entry.Reason, entry.CreatedAt, entry.PoisonedAt), AlertJson);
        var prefix = CloudEventAmqpMapper.Prefix;
        return new Message
        {
            Header = new Header { Durable = true },
            Properties = new Properties { MessageId = id, Subject = entry.FeedId, ContentType = "application/json", CreationTime = entry.PoisonedAt.UtcDateTime },
            ApplicationProperties = new ApplicationProperties
            {
                [prefix + "specversion"] = "1.0",
                [prefix + "type"] = Type,
                [prefix + "source"] = FeedStateAlert.Source(provinceCode),
                [prefix + "id"] = id,
                [prefix + "time"] = entry.PoisonedAt.UtcDateTime,
                [prefix + "subject"] = entry.FeedId,
            },
            BodySection = new Data { Binary = data },
        };
    }

    private static readonly JsonSerializerOptions AlertJson = new(JsonSerializerDefaults.Web);

    private sealed record AlertData(string FeedId, string Topic, string MessageId, string EventId, string Subject, int Attempts, string Reason,
        DateTimeOffset AcceptedAt, DateTimeOffset PoisonedAt);
}
