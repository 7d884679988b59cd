using Azure;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>Which exceptions of the Service Bus SDK (and of the credential behind it) mean "the broker is not usable now".</summary>
internal static class ServiceBusFailures
{
    /// <summary>
    /// True for what the hub reports as <see cref="BrokerUnavailableException"/>: any <see cref="ServiceBusException"/>
    /// (the SDK has already retried the transient ones), refused or failed authentication, timeouts and a closed client.
    /// Cancellation by the caller is not a broker failure.
    /// </summary>
    public static bool IsBrokerFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        ServiceBusException or UnauthorizedAccessException or AuthenticationFailedException or CredentialUnavailableException or RequestFailedException or TimeoutException or ObjectDisposedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public static BrokerUnavailableException Wrap(string what, Exception e) =>
        new(e is ServiceBusException sb ? $"{what} failed ({sb.Reason}): {sb.Message}" : $"{what} failed: {e.Message}", e);
}
