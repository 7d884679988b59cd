using Amqp;
using Amqp.Framing;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.IntegrationTests.Messaging.Contract;

namespace IntegrationHub.IntegrationTests.Messaging;

/// <summary>The contract's RabbitMQ side: the shared stack's broker, consumed over AMQP 1.0 with AMQPNetLite.</summary>
public sealed class AmqpContractTransport(LocalStack stack) : IContractTransport
{
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Transport"] = "Amqp",
        ["Endpoint"] = stack.AmqpUrl,
    };

    public IReadOnlyDictionary<string, string?> UnreachableSettings => new Dictionary<string, string?>
    {
        ["Transport"] = "Amqp",
        ["Endpoint"] = $"amqp://guest:guest@127.0.0.1:{StackPorts.PickFree().Amqp}",
    };

    public async Task<ContractMessage?> ReceiveAsync(string topic, string subscription, Func<ContractMessage, bool> match, TimeSpan wait)
    {
        await using var client = await AmqpTestClient.ConnectAsync(stack.AmqpUrl);
        var receiver = client.OpenReceiver($"/amq/queue/{topic}.{subscription}");
        try
        {
            while (await receiver.ReceiveAsync(wait) is { } message)
            {
                receiver.Accept(message);
                var received = Convert(message);
                if (match(received))
                {
                    return received;
                }
            }

            return null;
        }
        finally
        {
            await receiver.CloseAsync();
        }
    }

    public async Task<bool> DeadLetterAsync(string topic, string subscription, string messageId, TimeSpan wait)
    {
        await using var client = await AmqpTestClient.ConnectAsync(stack.AmqpUrl);
        var receiver = client.OpenReceiver($"/amq/queue/{topic}.{subscription}");
        try
        {
            var message = await AmqpTestClient.ReceiveByIdAsync(receiver, messageId, wait);
            if (message is null)
            {
                return false;
            }

            // RabbitMQ dead-letters a rejected message into the subscription's .dlq queue.
            receiver.Reject(message);
            return true;
        }
        finally
        {
            await receiver.CloseAsync();
        }
    }

    private static ContractMessage Convert(Message message) => new(
        message.Properties?.MessageId,
        message.Properties?.CorrelationId,
        message.Properties?.Subject,
        message.Properties?.ContentType,
        message.ApplicationProperties?.Map.ToDictionary(p => p.Key.ToString()!, p => (object?)p.Value, StringComparer.Ordinal) ?? new Dictionary<string, object?>(),
        message.BodySection is Data data ? data.Binary : []);
}
