using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Core.Messaging;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>
/// What a RabbitMQ replay sends. The path runs end to end in <see cref="DeadLetterAdminTests"/>; the Service Bus copy is
/// checked in Core.Tests (ServiceBusDeadLetterQueueTests, on the SDK's own message model) and live by the contract suite.
/// </summary>
public sealed class DeadLetterReplayMessageTests
{
    private const string Topic = "lgsp.land.parcel-record.v1";
    private const string MessageId = "a4bf44a059fa6df816eb8b072e0f425f6e85f24e723e55aec63b334cb59c9436";
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 5, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void On_RabbitMQ_the_copy_goes_to_the_subscription_queue_unchanged()
    {
        var options = new MessagingOptions();

        var copy = AmqpDeadLetterQueue.ReplayMessage(DeadLettered());

        Assert.Equal($"/amq/queue/{Topic}.ioc", AmqpDeadLetterQueue.ReplayAddress(options, Topic, "ioc"));
        Assert.Equal(MessageId, copy.Properties.MessageId);
        Assert.Null(copy.Properties.CorrelationId);
        Assert.Equal("04795-27-1186", copy.Properties.Subject);
        Assert.Equal("application/json", copy.Properties.ContentType);
        Assert.True(copy.Header.Durable);
        Assert.Equal("e-1", copy.ApplicationProperties["cloudEvents:id"]);
        Assert.False(copy.ApplicationProperties.Map.ContainsKey(DeadLetters.ReplayToProperty));
        Assert.False(copy.ApplicationProperties.Map.ContainsKey("DeadLetterReason"));
        Assert.Equal("""{"parcelNo":1186}""", Encoding.UTF8.GetString(((Data)copy.BodySection).Binary));
    }

    private static Message DeadLettered() => new()
    {
        Header = new Header { Durable = true, DeliveryCount = 10 },
        Properties = new Properties { MessageId = MessageId, Subject = "04795-27-1186", ContentType = "application/json" },
        ApplicationProperties = new ApplicationProperties
        {
            ["cloudEvents:id"] = "e-1",
            ["cloudEvents:source"] = "urn:lgsp:25:000.00.13.H25:csdl-dat-dai",
            ["DeadLetterReason"] = "MaxDeliveryCountExceeded",
            ["DeadLetterErrorDescription"] = "Message could not be consumed after 10 delivery attempts.",
        },
        MessageAnnotations = new MessageAnnotations
        {
            [new Symbol("x-opt-partition-key")] = "04795-27-1186",
            [new Symbol("x-opt-enqueued-time")] = Now.UtcDateTime,
        },
        BodySection = new Data { Binary = Encoding.UTF8.GetBytes("""{"parcelNo":1186}""") },
    };
}
