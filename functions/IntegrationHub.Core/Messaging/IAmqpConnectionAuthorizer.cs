using Amqp;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// Authorizes an open AMQP connection for an entity before links to it are attached.
/// RabbitMQ authenticates the whole connection with SASL PLAIN, so its authorizer does nothing;
/// Service Bus uses claims-based security (a put-token on <c>$cbs</c> per entity, refreshed before expiry).
/// </summary>
public interface IAmqpConnectionAuthorizer
{
    /// <summary>How the connection factory must do SASL for this authorizer (e.g. ANONYMOUS before CBS).</summary>
    void ConfigureFactory(ConnectionFactory factory);

    /// <summary>Puts (and keeps refreshing) a token for <paramref name="entityPath"/> on <paramref name="connection"/>.</summary>
    Task AuthorizeAsync(Connection connection, string entityPath, CancellationToken cancellationToken);
}
