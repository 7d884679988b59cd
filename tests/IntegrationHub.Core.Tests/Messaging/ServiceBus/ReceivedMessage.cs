using Amqp;

namespace IntegrationHub.Core.Tests.Messaging.ServiceBus;

/// <summary>A message an entity node of the test peer accepted.</summary>
internal sealed record ReceivedMessage(string Address, Message Message);
