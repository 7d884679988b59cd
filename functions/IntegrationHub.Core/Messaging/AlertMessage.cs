using System.Text.Json;
using Amqp;
using Amqp.Framing;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// An alert of the hub's own on <c>lgsp.hub.alerts.v1</c>: a CloudEvent in the AMQP binding (binary mode), sourced
/// <c>urn:lgsp:&lt;province&gt;:hub</c>, with a message id derived from what it reports so that duplicate detection drops a repeat.
/// </summary>
public static class AlertMessage
{
    public static string Source(string provinceCode) => $"urn:lgsp:{provinceCode}:hub";

    public static Message Create<T>(string provinceCode, string type, string id, string subject, DateTimeOffset at, T data)
    {
        var prefix = CloudEventAmqpMapper.Prefix;
        return new Message
        {
            Header = new Header { Durable = true },
            Properties = new Properties { MessageId = id, Subject = subject, ContentType = "application/json", CreationTime = at.UtcDateTime },
            ApplicationProperties = new ApplicationProperties
            {
                [prefix + "specversion"] = "1.0",
                [prefix + "type"] = type,
                [prefix + "source"] = Source(provinceCode),
                [prefix + "id"] = id,
                [prefix + "time"] = at.UtcDateTime,
                [prefix + "subject"] = subject,
            },
            BodySection = new Data { Binary = JsonSerializer.SerializeToUtf8Bytes(data, Json) },
        };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
