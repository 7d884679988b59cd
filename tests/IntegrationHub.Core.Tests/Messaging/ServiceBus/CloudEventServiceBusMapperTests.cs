using System.Text;
using Azure.Messaging.ServiceBus;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

/// <summary>
/// The CloudEvents AMQP binding on the Service Bus SDK's model, both ways: what the hub sends
/// (<see cref="ServiceBusMessage"/>) and what it reads back from a received message, built with
/// <see cref="ServiceBusModelFactory"/> exactly as the SDK hands it to a consumer.
/// </summary>
public sealed class CloudEventServiceBusMapperTests
{
    private static readonly Func<string, Uri> RecordUri = name => new Uri("https://data.blob.core.windows.net/hub-records/" + name);

    internal static AcceptedEvent Event(string data, string? recordBlob = null) => new()
    {
        FeedId = "land.parcel-record",
        Major = 1,
        Topic = "lgsp.land.parcel-record.v1",
        Subject = "04795-27-1186",
        Commune = "04795",
        Source = "urn:lgsp:25:x",
        Id = "e-1",
        Type = "land.parcel-record.v1",
        KeyHash = EventKeys.KeyHash("urn:lgsp:25:x", "e-1"),
        ContentHash = "c",
        Time = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(7)),
        ReceivedAt = new DateTimeOffset(2026, 11, 1, 1, 0, 5, TimeSpan.Zero),
        AdminCodes = "QD19-2025",
        EventJson = Encoding.UTF8.GetBytes($$"""{"specversion":"1.0","type":"land.parcel-record.v1","source":"urn:lgsp:25:x","id":"e-1","time":"2026-11-01T08:00:00.123+07:00","admincodes":"QD19-2025","priority":3,"senderapp":"forged","datacontenttype":"application/json","data":{{data}}}"""),
        RecordBlob = recordBlob,
        Sender = new SenderIdentity("app-1", "tenant-1"),
    };

    [Fact]
    public void An_accepted_event_becomes_a_message_with_the_key_hash_as_id_the_entity_key_as_subject_and_partition_key_and_prefixed_attributes()
    {
        var message = CloudEventServiceBusMapper.ToServiceBusMessage(Event("""{"parcelNo":1186}"""), 1024, RecordUri);

        Assert.Equal(EventKeys.KeyHash("urn:lgsp:25:x", "e-1"), message.MessageId);
        Assert.Equal("04795-27-1186", message.Subject);
        Assert.Equal("04795-27-1186", message.PartitionKey);
        Assert.Null(message.SessionId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("""{"parcelNo":1186}""", message.Body.ToString());
        var properties = message.ApplicationProperties;
        Assert.Equal("1.0", properties["cloudEvents:specversion"]);
        Assert.Equal("e-1", properties["cloudEvents:id"]);
        Assert.Equal("urn:lgsp:25:x", properties["cloudEvents:source"]);
        Assert.Equal("land.parcel-record.v1", properties["cloudEvents:type"]);
        Assert.Equal("04795-27-1186", properties["cloudEvents:subject"]);
        Assert.Equal(new DateTime(2026, 11, 1, 1, 0, 0, 123, DateTimeKind.Utc), properties["cloudEvents:time"]);
        Assert.Equal(3L, properties["cloudEvents:priority"]);
        Assert.Equal("app-1", properties["cloudEvents:senderapp"]);
        Assert.Equal("tenant-1", properties["cloudEvents:sendertenant"]);
        Assert.Equal("land.parcel-record/v1", properties["cloudEvents:contractversion"]);
        Assert.Equal(new DateTime(2026, 11, 1, 1, 0, 5, DateTimeKind.Utc), properties["cloudEvents:recvtime"]);
        Assert.False(properties.ContainsKey("cloudEvents:datacontenttype"));
        Assert.False(properties.ContainsKey("cloudEvents:dataref"));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 0, 5, TimeSpan.Zero), message.GetRawAmqpMessage().Properties.CreationTime);
    }

    [Fact]
    public void A_record_over_the_inline_limit_travels_by_claim_check_with_a_dataref_and_an_empty_body()
    {
        var data = "{\"x\":\"" + new string('a', 2000) + "\"}";

        var message = CloudEventServiceBusMapper.ToServiceBusMessage(Event(data, recordBlob: "abc"), 1024, RecordUri);

        Assert.Equal("https://data.blob.core.windows.net/hub-records/abc", message.ApplicationProperties["cloudEvents:dataref"]);
        Assert.Empty(message.Body.ToArray());
        Assert.Null(message.ContentType);
    }

    [Fact]
    public void A_received_message_reads_back_as_the_same_cloud_event()
    {
        var sent = CloudEventServiceBusMapper.ToServiceBusMessage(Event("""{"parcelNo":1186}"""), 1024, RecordUri);
        var received = Received(sent);

        var evt = CloudEventServiceBusMapper.ToCloudEvent(received);

        Assert.Equal("1.0", evt.Attributes["specversion"]);
        Assert.Equal("e-1", evt.Attributes["id"]);
        Assert.Equal("urn:lgsp:25:x", evt.Attributes["source"]);
        Assert.Equal("land.parcel-record.v1", evt.Attributes["type"]);
        Assert.Equal("04795-27-1186", evt.Attributes["subject"]);
        Assert.Equal("application/json", evt.Attributes["datacontenttype"]);
        Assert.Equal(new DateTime(2026, 11, 1, 1, 0, 0, 123, DateTimeKind.Utc), evt.Attributes["time"]);
        Assert.Equal("QD19-2025", evt.Attributes["admincodes"]);
        Assert.Equal("app-1", evt.Attributes["senderapp"]);
        Assert.Equal("""{"parcelNo":1186}""", Encoding.UTF8.GetString(evt.Data));
        Assert.Equal(sent.ApplicationProperties.Count + 1, evt.Attributes.Count); // + datacontenttype, from the content type
    }

    [Fact]
    public void Readers_accept_the_underscore_prefix_and_ignore_properties_that_are_not_attributes()
    {
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("{}"),
            messageId: "m-1",
            contentType: "application/json",
            properties: new Dictionary<string, object>
            {
                ["cloudEvents_id"] = "u-1",
                ["cloudEvents_type"] = "other.type.v1",
                ["DeadLetterReason"] = "MaxDeliveryCountExceeded",
                ["hub_replay_to"] = "ioc",
            });

        Assert.Equal("u-1", CloudEventServiceBusMapper.Attribute(received, "id"));
        var evt = CloudEventServiceBusMapper.ToCloudEvent(received);
        Assert.Equal(["datacontenttype", "id", "type"], evt.Attributes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_hub_alert_built_in_the_AMQP_model_is_carried_over_unchanged()
    {
        var at = new DateTimeOffset(2026, 11, 20, 5, 0, 0, TimeSpan.Zero);
        var alert = FeedStateAlert.ToMessage("25", "edu.school-status", "fresh", "late", at.AddHours(-3), "PT1H", at);

        var message = CloudEventServiceBusMapper.FromAmqp(alert);

        Assert.Equal(alert.Properties.MessageId, message.MessageId);
        Assert.Equal("edu.school-status", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(FeedStateAlert.Type, message.ApplicationProperties["cloudEvents:type"]);
        Assert.Equal("urn:lgsp:25:hub", message.ApplicationProperties["cloudEvents:source"]);
        Assert.Equal(alert.ApplicationProperties.Map.Count, message.ApplicationProperties.Count);
        Assert.Equal(((Amqp.Framing.Data)alert.BodySection).Binary, message.Body.ToArray());
        Assert.Null(message.PartitionKey);
    }

    [Fact]
    public void Only_a_Data_body_can_be_carried()
    {
        var message = new Amqp.Message("an AmqpValue body");
        Assert.Throws<ArgumentException>(() => CloudEventServiceBusMapper.FromAmqp(message));
    }

    internal static ServiceBusReceivedMessage Received(ServiceBusMessage sent, int deliveryCount = 1, DateTimeOffset enqueuedTime = default,
        IDictionary<string, object>? extraProperties = null)
    {
        var properties = new Dictionary<string, object>(sent.ApplicationProperties);
        foreach (var (key, value) in extraProperties ?? new Dictionary<string, object>())
        {
            properties[key] = value;
        }

        return ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: sent.Body,
            messageId: sent.MessageId,
            partitionKey: sent.PartitionKey,
            correlationId: sent.CorrelationId,
            subject: sent.Subject,
            contentType: sent.ContentType,
            properties: properties,
            deliveryCount: deliveryCount,
            sequenceNumber: 42,
            enqueuedTime: enqueuedTime);
    }
}
