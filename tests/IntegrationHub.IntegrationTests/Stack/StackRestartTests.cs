using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Messaging.RabbitMq;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Stack;

/// <summary>
/// Services stopped or killed and started again on the same ports and data keep what they had
/// confirmed: what the fault tests of the hub build on.
/// </summary>
public sealed class StackRestartTests(RestartStackFixture fixture) : IClassFixture<RestartStackFixture>
{
    private LocalStack Stack => fixture.Stack;

    [Fact]
    public async Task Durable_message_survives_a_RabbitMQ_stop_and_start()
    {
        var message = await SendAsync(TestTopology.Edu);

        await Stack.StopRabbitMqAsync();
        await Stack.StartRabbitMqAsync();

        await AssertReceivedAsync(TestTopology.Edu, message);
    }

    [Fact]
    public async Task Durable_message_survives_a_RabbitMQ_kill_and_start()
    {
        var message = await SendAsync(TestTopology.Health);
        var killed = Stack.RabbitMqPid;

        await Stack.KillRabbitMqAsync();
        await Stack.StartRabbitMqAsync();

        Assert.NotEqual(killed, Stack.RabbitMqPid);
        await AssertReceivedAsync(TestTopology.Health, message);
    }

    [Fact]
    public async Task Blob_and_table_entity_survive_an_Azurite_stop_and_start()
    {
        var container = new BlobContainerClient(Stack.StorageConnectionString, "restart");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("kept.json").UploadAsync(BinaryData.FromString("""{"kept":true}"""), overwrite: true);
        var table = new TableServiceClient(Stack.StorageConnectionString).GetTableClient("restart");
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "kept") { ["Value"] = 42 });
        var before = Stack.AzuritePid;

        await Stack.StopAzuriteAsync();
        await Stack.StartAzuriteAsync();

        Assert.NotEqual(before, Stack.AzuritePid);
        var blob = await container.GetBlobClient("kept.json").DownloadContentAsync();
        Assert.Equal("""{"kept":true}""", blob.Value.Content.ToString());
        var entity = await table.GetEntityAsync<TableEntity>("p", "kept");
        Assert.Equal(42, entity.Value.GetInt32("Value"));
    }

    private async Task<Amqp.Message> SendAsync(string topic)
    {
        await using var client = await AmqpTestClient.ConnectAsync(Stack.AmqpUrl);
        var message = AmqpTestClient.NewMessage("restart", """{"kept":true}""");
        await client.SendAsync(RabbitMqTopology.SendAddress(topic), message);
        return message;
    }

    private async Task AssertReceivedAsync(string topic, Amqp.Message sent)
    {
        await using var client = await AmqpTestClient.ConnectAsync(Stack.AmqpUrl);
        var receiver = client.OpenReceiver(RabbitMqTopology.ReceiveAddress(RabbitMqTopology.QueueName(topic, "ioc")));
        var received = await AmqpTestClient.ReceiveByIdAsync(receiver, sent.Properties.MessageId, TimeSpan.FromSeconds(15));
        Assert.NotNull(received);
        Assert.Equal("""{"kept":true}""", AmqpTestClient.BodyText(received));
        receiver.Accept(received);
        await receiver.CloseAsync();
    }
}
