using System.Text.Json;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// The CloudEvents AMQP protocol binding (binary mode), written to the released 1.0.2 text: every attribute but
/// <c>datacontenttype</c> is an application property prefixed <c>cloudEvents:</c>, <c>time</c> is an AMQP timestamp,
/// the data is one Data section. Readers accept <c>cloudEvents_</c> as well (the 1.0.3 draft's separator).
/// </summary>
public static class CloudEventAmqpMapper
{
    public const string Prefix = "cloudEvents:";
    public const string AlternatePrefix = "cloudEvents_";

    // Hub extension attributes (CloudEvents extension names: lowercase letters and digits, at most 20 characters).
    public const string ReceivedTimeAttribute = "recvtime";
    public const string ContractAttribute = "contractversion";
    public const string SenderAppAttribute = "senderapp";
    public const string SenderTenantAttribute = "sendertenant";
    public const string DataRefAttribute = "dataref";

    private static readonly Symbol PartitionKey = new("x-opt-partition-key");

    public static Message ToMessage(AcceptedEvent accepted, int maxInlineDataBytes, Func<string, Uri> recordUri, bool partitionKey)
    {
        using var document = JsonDocument.Parse(accepted.EventJson);
        var evt = document.RootElement;
        var properties = new ApplicationProperties();
        byte[]? data = null;
        foreach (var attribute in evt.EnumerateObject())
        {
            switch (attribute.Name)
            {
                case "data":
                    data = JsonSerializer.SerializeToUtf8Bytes(attribute.Value);
                    break;
                case "datacontenttype":
                    break;
                case "time":
                    properties[Prefix + "time"] = Rfc3339.TryParseDateTime(attribute.Value.GetString()!, out var time)
                        ? time.UtcDateTime
                        : attribute.Value.GetString();
                    break;
                case var name when EventAttributes.IsHubAttribute(name):
                    break; // the hub's own attributes, in any case, are set below; a sender cannot forge them
                default:
                    properties[Prefix + attribute.Name] = ToAmqpValue(attribute.Value);
                    break;
            }
        }

        properties[Prefix + "subject"] = accepted.Subject;
        properties[Prefix + ReceivedTimeAttribute] = accepted.ReceivedAt.UtcDateTime;
        properties[Prefix + ContractAttribute] = $"{accepted.FeedId}/v{accepted.Major}";
        properties[Prefix + SenderAppAttribute] = accepted.Sender.AppId;
        properties[Prefix + SenderTenantAttribute] = accepted.Sender.TenantId;

        var message = new Message
        {
            Header = new Header { Durable = true },
            Properties = new Properties
            {
                MessageId = accepted.KeyHash,
                Subject = accepted.Subject,
                CreationTime = accepted.ReceivedAt.UtcDateTime,
            },
            ApplicationProperties = properties,
        };

        if (data is not null && data.Length > maxInlineDataBytes && accepted.RecordBlob is not null)
        {
            properties[Prefix + DataRefAttribute] = recordUri(accepted.RecordBlob).ToString();
            message.BodySection = new Data { Binary = [] };
        }
        else
        {
            message.Properties.ContentType = "application/json";
            message.BodySection = new Data { Binary = data ?? [] };
        }

        if (partitionKey)
        {
            message.MessageAnnotations = new MessageAnnotations { [PartitionKey] = accepted.Subject };
        }

        return message;
    }

    /// <summary>Reads a CloudEvents attribute from either prefix.</summary>
    public static object? Attribute(Message message, string name)
    {
        var properties = message.ApplicationProperties;
        if (properties is null)
        {
            return null;
        }

        return properties.Map.TryGetValue(Prefix + name, out var value) ? value
            : properties.Map.TryGetValue(AlternatePrefix + name, out value) ? value
            : null;
    }

    private static object? ToAmqpValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        _ => value.GetRawText(),
    };
}
