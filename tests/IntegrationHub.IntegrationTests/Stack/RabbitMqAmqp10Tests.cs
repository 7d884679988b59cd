using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.RabbitMq;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Stack;

/// <summary>
/// AMQP 1.0 with AMQPNetLite against the stack's RabbitMQ: the addresses, routing and outcomes the
/// hub and its consumers depend on.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RabbitMqAmqp10Tests(SharedStackFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private LocalStack Stack => fixture.Stack;

    [Fact]
    public async Task Message_sent_to_a_topic_is_received_from_its_subscription_queue()
    {
        await using var client = await AmqpTestClient.ConnectAsync(Stack.AmqpUrl);
        var message = AmqpTestClient.NewMessage("x", """{"schoolId":"S-01"}""");

        await client.SendAsync(RabbitMqTopology.SendAddress(TestTopology.Edu), message);

        var receiver = client.OpenReceiver(RabbitMqTopology.ReceiveAddress(RabbitMqTopology.QueueName(TestTopology.Edu, "ioc")));
        var received = await AmqpTestClient.ReceiveByIdAsync(receiver, message.Properties.MessageId, Wait);
        Assert.NotNull(received);
        Assert.Equal("x", received.Properties.Subject);
        Assert.Equal("""{"schoolId":"S-01"}""", AmqpTestClient.BodyText(received));
        receiver.Accept(received);
        Assert.Null(await receiver.ReceiveAsync(TimeSpan.FromSeconds(1)));
        await receiver.CloseAsync();
    }

    [Fact]
    public async Task Land_message_reaches_both_ioc_and_ndxp_queues()
    {
        await using var client = await AmqpTestClient.ConnectAsync(Stack.AmqpUrl);
        var message = AmqpTestClient.NewMessage("parcel-42", """{"parcelId":"42"}""");

        await client.SendAsync(RabbitMqTopology.SendAddress(TestTopology.Land), message);

        foreach (var subscription in new[] { "ioc", "ndxp" })
        {
            var receiver = client.OpenReceiver(RabbitMqTopology.ReceiveAddress(RabbitMqTopology.QueueName(TestTopology.Land, subscription)));
            var received = await AmqpTestClient.ReceiveByIdAsync(receiver, message.Properties.MessageId, Wait);
            Assert.True(received is not null, $"the {subscription} queue did not get the land message");
            receiver.Accept(received);
            await receiver.CloseAsync();
        }
    }

    [Fact]
    public async Task Edu_topic_has_no_ndxp_subscription()
    {
        var eduToNdxp = new MessagingTopology([new TopicDefinition(TestTopology.Edu, null, ["ndxp"])]);

        var missing = await RabbitMqTopology.FindMissingAsync(eduToNdxp, Stack.RabbitMqOptions, CancellationToken.None);

        Assert.Equal(
            [$"queue {TestTopology.Edu}.ndxp", $"queue {TestTopology.Edu}.ndxp.dlq"],
            missing);
    }

    [Fact]
    public async Task Rejected_message_lands_in_the_dead_letter_queue()
    {
        await using var client = await AmqpTestClient.ConnectAsync(Stack.AmqpUrl);
        var message = AmqpTestClient.NewMessage("facility-7", """{"facilityId":"7"}""");
        await client.SendAsync(RabbitMqTopology.SendAddress(TestTopology.Health), message);

        var receiver = client.OpenReceiver(RabbitMqTopology.ReceiveAddress(RabbitMqTopology.QueueName(TestTopology.Health, "ioc")));
        var delivered = await AmqpTestClient.ReceiveByIdAsync(receiver, message.Properties.MessageId, Wait);
        Assert.NotNull(delivered);
        receiver.Reject(delivered);
        await receiver.CloseAsync();

        var deadLetters = client.OpenReceiver(RabbitMqTopology.ReceiveAddress(RabbitMqTopology.DeadLetterQueueName(TestTopology.Health, "ioc")));
        var deadLettered = await AmqpTestClient.ReceiveByIdAsync(deadLetters, message.Properties.MessageId, Wait);
        Assert.NotNull(deadLettered);
        Assert.Equal("facility-7", deadLettered.Properties.Subject);
        Assert.Equal("""{"facilityId":"7"}""", AmqpTestClient.BodyText(deadLettered));
        deadLetters.Accept(deadLettered);
        await deadLetters.CloseAsync();
    }

    [Fact]
    public async Task Message_released_more_times_than_the_delivery_limit_is_dead_lettered()
    {
        await using var client = await AmqpTestClient.ConnectAsync(Stack.AmqpUrl);
        var message = AmqpTestClient.NewMessage("dossier-9", """{"dossierId":"9"}""");
        await client.SendAsync(RabbitMqTopology.SendAddress(TestTopology.PublicService), message);

        var receiver = client.OpenReceiver(RabbitMqTopology.ReceiveAddress(RabbitMqTopology.QueueName(TestTopology.PublicService, "ioc")));
        var deliveries = 0;
        while (await AmqpTestClient.ReceiveByIdAsync(receiver, message.Properties.MessageId, TimeSpan.FromSeconds(5)) is { } delivered)
        {
            deliveries++;
            Assert.True(deliveries <= 100, "the message was never dead-lettered");
            receiver.Release(delivered);
        }

        await receiver.CloseAsync();

        Assert.Equal(Stack.RabbitMqOptions.DeliveryLimit + 1, deliveries);
        var deadLetters = client.OpenReceiver(RabbitMqTopology.ReceiveAddress(RabbitMqTopology.DeadLetterQueueName(TestTopology.PublicService, "ioc")));
        var deadLettered = await AmqpTestClient.ReceiveByIdAsync(deadLetters, message.Properties.MessageId, Wait);
        Assert.NotNull(deadLettered);
        deadLetters.Accept(deadLettered);
        await deadLetters.CloseAsync();
    }
}
