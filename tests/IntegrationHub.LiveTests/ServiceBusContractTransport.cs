using Azure.Messaging.ServiceBus;
using IntegrationHub.IntegrationTests.Messaging.Contract;

namespace IntegrationHub.LiveTests;

/// <summary>The contract's Service Bus side: a real namespace, consumed with the SDK's receivers in peek-lock mode.</summary>
public sealed class ServiceBusContractTransport : IContractTransport, IAsyncDisposable
{
    private readonly ServiceBusClient _client = LiveServiceBus.Client();

    public IReadOnlyDictionary<string, string?> Settings => LiveServiceBus.Settings();

    // A host under .invalid never resolves (RFC 2606); the key is a made-up one.
    public IReadOnlyDictionary<string, string?> UnreachableSettings => new Dictionary<string, string?>
    {
        ["Transport"] = "ServiceBus",
        ["ConnectionString"] = "Endpoint=sb://integrationhub-unreachable.invalid/;SharedAccessKeyName=none;SharedAccessKey=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    };

    public async Task<ContractMessage?> ReceiveAsync(string topic, string subscription, Func<ContractMessage, bool> match, TimeSpan wait)
    {
        await using var receiver = _client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { PrefetchCount = 0 });
        while (await receiver.ReceiveMessageAsync(wait) is { } message)
        {
            await receiver.CompleteMessageAsync(message);
            var received = Convert(message);
            if (match(received))
            {
                return received;
            }
        }

        return null;
    }

    public async Task<bool> DeadLetterAsync(string topic, string subscription, string messageId, TimeSpan wait)
    {
        await using var receiver = _client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { PrefetchCount = 0 });
        while (await receiver.ReceiveMessageAsync(wait) is { } message)
        {
            if (message.MessageId == messageId)
            {
                await receiver.DeadLetterMessageAsync(message, "ContractTest", "The contract suite's consumer refused it.");
                return true;
            }

            await receiver.CompleteMessageAsync(message);
        }

        return false;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private static ContractMessage Convert(ServiceBusReceivedMessage message) => new(
        message.MessageId,
        message.CorrelationId,
        message.Subject,
        message.ContentType,
        message.ApplicationProperties.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        message.Body.ToArray());
}
