using Amqp;

namespace IntegrationHub.Core.Messaging;

/// <summary>RabbitMQ: SASL PLAIN with the credentials in the endpoint URL authorizes the whole connection.</summary>
public sealed class ConnectionLevelAuthorizer : IAmqpConnectionAuthorizer
{
    public void ConfigureFactory(ConnectionFactory factory)
    {
    }

    public Task AuthorizeAsync(Connection connection, string entityPath, CancellationToken cancellationToken) => Task.CompletedTask;
}
