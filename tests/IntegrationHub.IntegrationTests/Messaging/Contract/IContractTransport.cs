namespace IntegrationHub.IntegrationTests.Messaging.Contract;

/// <summary>
/// What the shared publisher contract needs of a transport: the hub's settings that select it (fed to the hub's own
/// <c>AddHubMessaging</c>), settings that point at a broker that cannot be reached, and a consumer on its subscriptions.
/// </summary>
public interface IContractTransport
{
    /// <summary><c>Hub:Messaging:*</c> settings (keys without the section) for a reachable broker.</summary>
    IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The same for a broker that cannot be reached.</summary>
    IReadOnlyDictionary<string, string?> UnreachableSettings { get; }

    /// <summary>
    /// Receives from the subscription until a message matching <paramref name="match"/> arrives (settled as processed) or
    /// <paramref name="wait"/> passes with nothing more; other messages, left by earlier runs, are settled and skipped.
    /// </summary>
    Task<ContractMessage?> ReceiveAsync(string topic, string subscription, Func<ContractMessage, bool> match, TimeSpan wait);

    /// <summary>Receives the message with <paramref name="messageId"/> and has the broker dead-letter it, as a consumer that cannot process it does.</summary>
    Task<bool> DeadLetterAsync(string topic, string subscription, string messageId, TimeSpan wait);
}
