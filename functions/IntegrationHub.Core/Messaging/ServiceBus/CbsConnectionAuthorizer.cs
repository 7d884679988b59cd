using Amqp;
using Amqp.Sasl;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// Authorizes AMQP connections to Service Bus with claims-based security: SASL ANONYMOUS, then a
/// put-token on the connection's <c>$cbs</c> node for every entity before links to it attach, refreshed
/// before each token expires.
/// </summary>
/// <remarks>
/// The <c>$cbs</c> link pair is opened lazily, once per connection, and shared by all entities on it.
/// Refresh timers run on the injected <see cref="TimeProvider"/> and stop when the connection closes or
/// the authorizer is disposed. Refresh failures are logged (without token contents) and retried with
/// exponential backoff. Safe for concurrent use.
/// </remarks>
public sealed class CbsConnectionAuthorizer : IAmqpConnectionAuthorizer, IDisposable
{
    private readonly string _fullyQualifiedNamespace;
    private readonly ICbsTokenProvider _tokenProvider;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CbsAuthorizationOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<Connection, CbsChannel> _channels = new(ReferenceEqualityComparer.Instance);
    private bool _disposed;

    /// <summary>Creates an authorizer for entities of <paramref name="fullyQualifiedNamespace"/>.</summary>
    /// <param name="fullyQualifiedNamespace">The namespace host, e.g. <c>contoso.servicebus.windows.net</c>; audiences are built from it.</param>
    /// <param name="tokenProvider">Where tokens come from: <see cref="EntraCbsTokenProvider"/> in Azure, <see cref="SasCbsTokenProvider"/> with a shared access policy.</param>
    /// <param name="timeProvider">The clock for refresh scheduling and timeouts.</param>
    /// <param name="logger">Receives refresh failures.</param>
    /// <param name="options">Timing; the Azure SDK's defaults when null.</param>
    public CbsConnectionAuthorizer(
        string fullyQualifiedNamespace,
        ICbsTokenProvider tokenProvider,
        TimeProvider timeProvider,
        ILogger<CbsConnectionAuthorizer> logger,
        CbsAuthorizationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        // Fail at construction, not at the first attach, when the namespace is not a bare host.
        _ = ServiceBusAddress.Audience(fullyQualifiedNamespace, "validation");
        options ??= new CbsAuthorizationOptions();
        options.Validate();

        _fullyQualifiedNamespace = fullyQualifiedNamespace;
        _tokenProvider = tokenProvider;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options;
    }

    /// <summary>Selects SASL ANONYMOUS: Service Bus only accepts CBS tokens on anonymous connections.</summary>
    public void ConfigureFactory(ConnectionFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);

        // Without it Lite skips SASL entirely when the address carries no credentials.
        factory.SASL.Profile = SaslProfile.Anonymous;
    }

    /// <summary>
    /// Puts a token for <paramref name="entityPath"/> (a topic, or <c>topic/Subscriptions/name</c>) on
    /// <paramref name="connection"/> and keeps refreshing it while the connection is open.
    /// </summary>
    /// <exception cref="CbsAuthorizationException">The node refused the token.</exception>
    /// <exception cref="TimeoutException">The node did not attach or answer within <see cref="CbsAuthorizationOptions.RequestTimeout"/>.</exception>
    public Task AuthorizeAsync(Connection connection, string entityPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var audience = ServiceBusAddress.Audience(_fullyQualifiedNamespace, entityPath);
        return GetOrAddChannel(connection).AuthorizeAsync(audience, cancellationToken);
    }

    /// <summary>Stops all refreshes and closes the <c>$cbs</c> links; the connections stay open.</summary>
    public void Dispose()
    {
        List<CbsChannel> channels;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            channels = [.. _channels.Values];
            _channels.Clear();
        }

        foreach (var channel in channels)
        {
            channel.Dispose();
        }
    }

    private CbsChannel GetOrAddChannel(Connection connection)
    {
        CbsChannel? channel;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (connection.IsClosed)
            {
                throw new InvalidOperationException("The AMQP connection is closed; authorize a new connection instead.");
            }

            if (_channels.TryGetValue(connection, out channel))
            {
                return channel;
            }

            channel = new CbsChannel(connection, _tokenProvider, _timeProvider, _options, _logger);
            _channels.Add(connection, channel);
        }

        // Outside the lock: Lite invokes the callback at once if the connection closed meanwhile.
        connection.AddClosedCallback((_, _) => OnConnectionClosed(connection, channel));
        return channel;
    }

    private void OnConnectionClosed(Connection connection, CbsChannel channel)
    {
        lock (_gate)
        {
            if (_channels.TryGetValue(connection, out var current) && ReferenceEquals(current, channel))
            {
                _channels.Remove(connection);
            }
        }

        channel.Dispose();
    }
}
