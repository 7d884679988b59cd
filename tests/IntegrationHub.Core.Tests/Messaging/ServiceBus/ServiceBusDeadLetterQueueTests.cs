using Azure.Messaging.ServiceBus;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

/// <summary>
/// What a Service Bus replay sends and what a listing shows, from dead-lettered messages as the SDK delivers them
/// (<see cref="ServiceBusModelFactory"/>). The receive/send path itself runs only against a real namespace (dev/test --live).
/// </summary>
public sealed class ServiceBusDeadLetterQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 5, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void The_copy_goes_to_the_topic_for_one_subscription_with_a_new_message_id_correlated_to_the_original()
    {
        var deadLettered = DeadLettered();

        var copy = ServiceBusDeadLetterQueue.ReplayMessage(deadLettered, "ndxp", Now);

        Assert.Equal(deadLettered.MessageId + "/replay/20261120T050000123Z", copy.MessageId);
        Assert.Equal(deadLettered.MessageId, copy.CorrelationId);
        Assert.Equal("ndxp", copy.ApplicationProperties[DeadLetters.ReplayToProperty]);
        Assert.Equal("e-1", copy.ApplicationProperties["cloudEvents:id"]);
        Assert.False(copy.ApplicationProperties.ContainsKey("DeadLetterReason"));
        Assert.False(copy.ApplicationProperties.ContainsKey("DeadLetterErrorDescription"));
        Assert.Equal("04795-27-1186", copy.PartitionKey);
        Assert.Equal("04795-27-1186", copy.Subject);
        Assert.Equal("application/json", copy.ContentType);
        Assert.Equal(deadLettered.Body.ToArray(), copy.Body.ToArray());
    }

    [Fact]
    public void A_message_replayed_once_and_dead_lettered_again_is_replayed_with_only_the_new_target()
    {
        var again = DeadLettered(new Dictionary<string, object> { [DeadLetters.ReplayToProperty] = "ioc" });

        var copy = ServiceBusDeadLetterQueue.ReplayMessage(again, "ndxp", Now);

        Assert.Equal("ndxp", copy.ApplicationProperties[DeadLetters.ReplayToProperty]);
    }

    [Fact]
    public void A_listing_shows_the_event_and_the_brokers_bookkeeping_but_not_the_record()
    {
        var item = ServiceBusDeadLetterQueue.Describe(DeadLettered());

        Assert.Equal(Core.Ingest.EventKeys.KeyHash("urn:lgsp:25:x", "e-1"), item.MessageId);
        Assert.Equal("e-1", item.Id);
        Assert.Equal("urn:lgsp:25:x", item.Source);
        Assert.Equal("land.parcel-record.v1", item.Type);
        Assert.Equal("04795-27-1186", item.Subject);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 0, 0, 123, TimeSpan.Zero), item.Time);
        Assert.Equal(Now, item.EnqueuedTime);
        Assert.Equal(10, item.DeliveryCount);
        Assert.Equal("MaxDeliveryCountExceeded", item.DeadLetterReason);
    }

    private static ServiceBusReceivedMessage DeadLettered(IDictionary<string, object>? extra = null)
    {
        var sent = CloudEventServiceBusMapper.ToServiceBusMessage(CloudEventServiceBusMapperTests.Event("""{"parcelNo":1186}"""), 1024,
            name => new Uri("https://x/" + name));
        var properties = new Dictionary<string, object>
        {
            ["DeadLetterReason"] = "MaxDeliveryCountExceeded",
            ["DeadLetterErrorDescription"] = "Message could not be consumed after 10 delivery attempts.",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, object>())
        {
            properties[key] = value;
        }

        return CloudEventServiceBusMapperTests.Received(sent, deliveryCount: 10, enqueuedTime: Now, extraProperties: properties);
    }
}
