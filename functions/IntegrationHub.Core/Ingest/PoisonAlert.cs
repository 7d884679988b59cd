using Amqp;
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
        return AlertMessage.Create(provinceCode, Type, id, entry.FeedId, entry.PoisonedAt, new AlertData(entry.FeedId, entry.Topic, entry.KeyHash, entry.EventId,
            entry.Subject, entry.Attempts, entry.Reason, entry.CreatedAt, entry.PoisonedAt));
    }

    private sealed record AlertData(string FeedId, string Topic, string MessageId, string EventId, string Subject, int Attempts, string Reason,
        DateTimeOffset AcceptedAt, DateTimeOffset PoisonedAt);
}
