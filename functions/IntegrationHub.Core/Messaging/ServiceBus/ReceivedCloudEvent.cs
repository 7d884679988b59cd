namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>A CloudEvent read back from a broker message: its attributes by name (without the AMQP prefix) and its data bytes.</summary>
/// <param name="Attributes">Attribute values as the broker decoded them (strings, longs, booleans, timestamps).</param>
/// <param name="Data">The Data section; empty when the record travelled by claim check (<c>dataref</c>).</param>
public sealed record ReceivedCloudEvent(IReadOnlyDictionary<string, object> Attributes, byte[] Data);
