namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// Timing of claims-based authorization. The defaults follow the Azure SDK for Service Bus.
/// </summary>
public sealed class CbsAuthorizationOptions
{
    /// <summary>How long before a token expires its refresh is due. Default 7 minutes.</summary>
    public TimeSpan RefreshBuffer { get; set; } = TimeSpan.FromMinutes(7);

    /// <summary>
    /// Upper bound of a random amount subtracted from each refresh delay, so that many connections do
    /// not refresh at the same instant. Default 30 seconds; zero disables it.
    /// </summary>
    public TimeSpan RefreshJitter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The shortest delay before a refresh. Default 3 minutes. A token that expires sooner than this is
    /// refreshed halfway through its remaining lifetime instead.
    /// </summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long to wait for the <c>$cbs</c> node to attach and to answer a put-token. Default 1 minute.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The delay before the first retry of a failed refresh; it doubles with each further failure. Default 5 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between retries of a failed refresh. Default 1 minute.</summary>
    public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws when a setting is out of range; the message names the setting.</summary>
    public void Validate()
    {
        static void RequireNonNegative(TimeSpan value, string name)
        {
            if (value < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{nameof(CbsAuthorizationOptions)}.{name} must not be negative.");
            }
        }

        static void RequirePositive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{nameof(CbsAuthorizationOptions)}.{name} must be positive.");
            }
        }

        RequireNonNegative(RefreshBuffer, nameof(RefreshBuffer));
        RequireNonNegative(RefreshJitter, nameof(RefreshJitter));
        RequirePositive(MinimumRefreshInterval, nameof(MinimumRefreshInterval));
        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        RequirePositive(RetryDelay, nameof(RetryDelay));
        if (MaximumRetryDelay < RetryDelay)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaximumRetryDelay),
                MaximumRetryDelay,
                $"{nameof(CbsAuthorizationOptions)}.{nameof(MaximumRetryDelay)} must be at least {nameof(RetryDelay)}.");
        }
    }
}
