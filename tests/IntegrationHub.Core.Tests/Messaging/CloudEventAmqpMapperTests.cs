using System.Text;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Messaging;

namespace IntegrationHub.Core.Tests.Messaging;

public class CloudEventAmqpMapperTests
{
    private static AcceptedEvent Event(string data, string? recordBlob = null) => new()
    {
        FeedId = "edu.school-status",
        Major = 1,
        Topic = "lgsp.edu.school-status.v1",
        Subject = "TH0001",
        Commune = "04795",
        Source = "urn:lgsp:25:x",
        Id = "e-1",
        Type = "edu.school-status.v1",
        KeyHash = EventKeys.KeyHash("urn:lgsp:25:x", "e-1"),
        ContentHash = "c",
        Time = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(7)),
        ReceivedAt = new DateTimeOffset(2026, 11, 1, 1, 0, 5, TimeSpan.Zero),
        AdminCodes = "QD19-2025",
        EventJson = Encoding.UTF8.GetBytes($$"""{"specversion":"1.0","type":"edu.school-status.v1","source":"urn:lgsp:25:x","id":"e-1","time":"2026-11-01T08:00:00.123+07:00","admincodes":"QD19-2025","senderapp":"forged","datacontenttype":"application/json","data":{{data}}}"""),
        RecordBlob = recordBlob,
        Sender = new SenderIdentity("app-1", "tenant-1"),
    };

    [Fact]
    public void Attributes_become_prefixed_application_properties_and_data_one_data_section()
    {
        var message = CloudEventAmqpMapper.ToMessage(Event("""{"a":1}"""), 1024, name => new Uri("http://x/" + name), partitionKey: false);

        Assert.Equal(EventKeys.KeyHash("urn:lgsp:25:x", "e-1"), message.Properties.MessageId);
        Assert.Equal("TH0001", message.Properties.Subject);
        Assert.Equal("application/json", message.Properties.ContentType);
        Assert.True(message.Header.Durable);
        var properties = message.ApplicationProperties;
        Assert.Equal("1.0", properties["cloudEvents:specversion"]);
        Assert.Equal("e-1", properties["cloudEvents:id"]);
        Assert.Equal("QD19-2025", properties["cloudEvents:admincodes"]);
        Assert.Equal(new DateTime(2026, 11, 1, 1, 0, 0, 123, DateTimeKind.Utc), properties["cloudEvents:time"]);
        Assert.Equal("app-1", properties["cloudEvents:senderapp"]);
        Assert.Equal("tenant-1", properties["cloudEvents:sendertenant"]);
        Assert.Equal("edu.school-status/v1", properties["cloudEvents:contractversion"]);
        Assert.False(properties.Map.ContainsKey("cloudEvents:datacontenttype"));
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(((Data)message.BodySection).Binary));
        Assert.Null(message.MessageAnnotations);
    }

    [Fact]
    public void A_record_over_the_inline_limit_is_published_with_a_dataref_and_no_data()
    {
        var data = "{\"x\":\"" + new string('a', 2000) + "\"}";
        var message = CloudEventAmqpMapper.ToMessage(Event(data, recordBlob: "abc"), 1024, name => new Uri("http://blobs/records/" + name), partitionKey: false);

        Assert.Equal("http://blobs/records/abc", message.ApplicationProperties["cloudEvents:dataref"]);
        Assert.Empty(((Data)message.BodySection).Binary);
        Assert.Null(message.Properties.ContentType);
    }

    [Fact]
    public void Service_bus_gets_the_entity_key_as_partition_key()
    {
        var message = CloudEventAmqpMapper.ToMessage(Event("{}"), 1024, name => new Uri("http://x/" + name), partitionKey: true);
        Assert.Equal("TH0001", message.MessageAnnotations[new Symbol("x-opt-partition-key")]);
    }

    [Fact]
    public void Readers_accept_either_prefix()
    {
        var message = new Amqp.Message { ApplicationProperties = new ApplicationProperties() };
        message.ApplicationProperties["cloudEvents_id"] = "u-1";
        Assert.Equal("u-1", CloudEventAmqpMapper.Attribute(message, "id"));
    }

    [Fact]
    public void The_hubs_own_attributes_are_never_taken_from_the_event_in_any_case()
    {
        var accepted = Event("{}");
        var json = Encoding.UTF8.GetString(accepted.EventJson).Replace("\"senderapp\":\"forged\"", "\"SENDERAPP\":\"forged\",\"RecvTime\":\"forged\"", StringComparison.Ordinal);
        var forged = new AcceptedEvent
        {
            FeedId = accepted.FeedId, Major = accepted.Major, Topic = accepted.Topic, Subject = accepted.Subject, Commune = accepted.Commune,
            Source = accepted.Source, Id = accepted.Id, Type = accepted.Type, KeyHash = accepted.KeyHash, ContentHash = accepted.ContentHash,
            Time = accepted.Time, ReceivedAt = accepted.ReceivedAt, AdminCodes = accepted.AdminCodes, EventJson = Encoding.UTF8.GetBytes(json),
            Sender = accepted.Sender,
        };

        var properties = CloudEventAmqpMapper.ToMessage(forged, 1024, name => new Uri("http://x/" + name), partitionKey: false).ApplicationProperties;

        Assert.False(properties.Map.ContainsKey("cloudEvents:SENDERAPP"));
        Assert.False(properties.Map.ContainsKey("cloudEvents:RecvTime"));
        Assert.Equal("app-1", properties["cloudEvents:senderapp"]);
    }
}
