using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.RabbitMq;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Stack;

/// <summary>Declaring, checking and exporting the topology against the stack's RabbitMQ.</summary>
[Collection(StackCollection.Name)]
public sealed class RabbitMqTopologyTests(SharedStackFixture fixture)
{
    private LocalStack Stack => fixture.Stack;

    [Fact]
    public async Task Declared_topology_has_nothing_missing()
    {
        var missing = await RabbitMqTopology.FindMissingAsync(TestTopology.Feeds, Stack.RabbitMqOptions, CancellationToken.None);

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Declaring_the_same_topology_again_succeeds_and_keeps_queued_messages()
    {
        await using var client = await AmqpTestClient.ConnectAsync(Stack.AmqpUrl);
        var message = AmqpTestClient.NewMessage("alert", """{"level":"warning"}""");
        await client.SendAsync(RabbitMqTopology.SendAddress(TestTopology.Alerts), message);

        await RabbitMqTopology.DeclareAsync(TestTopology.Feeds, Stack.RabbitMqOptions, CancellationToken.None);

        var receiver = client.OpenReceiver(RabbitMqTopology.ReceiveAddress(RabbitMqTopology.QueueName(TestTopology.Alerts, "ioc")));
        var received = await AmqpTestClient.ReceiveByIdAsync(receiver, message.Properties.MessageId, TimeSpan.FromSeconds(10));
        Assert.NotNull(received);
        receiver.Accept(received);
        await receiver.CloseAsync();
    }

    [Fact]
    public async Task Declaring_with_another_delivery_limit_than_the_existing_queues_throws_naming_the_queue()
    {
        var options = Stack.RabbitMqOptions;
        options.DeliveryLimit = 3;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => RabbitMqTopology.DeclareAsync(TestTopology.Feeds, options, CancellationToken.None));

        Assert.Contains($"queue '{TestTopology.Edu}.ioc'", failure.Message);
    }

    [Fact]
    public async Task FindMissing_reports_a_missing_exchange_and_its_queues()
    {
        const string absent = "lgsp.test.absent.v1";
        var topology = new MessagingTopology(
        [
            new TopicDefinition(TestTopology.Edu, "edu.school-status", ["ioc"]),
            new TopicDefinition(absent, null, ["ioc"]),
        ]);

        var missing = await RabbitMqTopology.FindMissingAsync(topology, Stack.RabbitMqOptions, CancellationToken.None);

        Assert.Equal([$"exchange {absent}", $"queue {absent}.ioc", $"queue {absent}.ioc.dlq"], missing);
    }

    [Fact]
    public async Task Definitions_file_imported_with_rabbitmqctl_creates_exactly_what_DeclareAsync_declares()
    {
        var vhost = "definitions-" + Guid.NewGuid().ToString("N")[..8];
        var options = Stack.RabbitMqOptions;
        options.VirtualHost = vhost;
        var file = Path.Combine(Stack.DataDirectory, vhost + ".json");
        await File.WriteAllTextAsync(file, RabbitMqTopology.ToDefinitionsJson(TestTopology.Feeds, options));

        await Stack.RabbitMqCtlAsync(["-q", "import_definitions", file]);
        await Stack.RabbitMqCtlAsync(["-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"]);

        try
        {
            Assert.Empty(await RabbitMqTopology.FindMissingAsync(TestTopology.Feeds, options, CancellationToken.None));
            // Re-declaring fails with PRECONDITION_FAILED if any argument differs from the imported ones.
            await RabbitMqTopology.DeclareAsync(TestTopology.Feeds, options, CancellationToken.None);
            var bindings = await Stack.RabbitMqCtlAsync(
                ["-q", "list_bindings", "-p", vhost, "source_name", "destination_name", "routing_key"]);
            Assert.Contains($"{TestTopology.Land}\t{TestTopology.Land}.ndxp\t#", bindings);
        }
        finally
        {
            await Stack.RabbitMqCtlAsync(["-q", "delete_vhost", vhost]);
        }
    }
}
