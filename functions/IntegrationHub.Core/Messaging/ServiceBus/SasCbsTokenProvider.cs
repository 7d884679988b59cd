namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// Signs a fresh shared access signature for each requested audience.
/// </summary>
/// <remarks>
/// Signing is a local HMAC, so tokens are not cached; each refresh gets a full validity period.
/// Prefer <see cref="EntraCbsTokenProvider"/> in Azure: namespaces with local authentication disabled refuse SAS.
/// </remarks>
public sealed class SasCbsTokenProvider : ICbsTokenProvider
{
    /// <summary>The validity the Azure SDK gives the tokens it signs.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromMinutes(30);

    private readonly string _keyName;
    private readonly string _key;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _validity;

    /// <summary>Creates a provider for the policy <paramref name="keyName"/> with key <paramref name="key"/>.</summary>
    /// <param name="keyName">The shared access policy name.</param>
    /// <param name="key">The policy's key text.</param>
    /// <param name="timeProvider">The clock that dates the tokens.</param>
    /// <param name="validity">How long each token is valid; <see cref="DefaultValidity"/> when null.</param>
    public SasCbsTokenProvider(string keyName, string key, TimeProvider timeProvider, TimeSpan? validity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var effectiveValidity = validity ?? DefaultValidity;
        if (effectiveValidity <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), "The token validity must be positive.");
        }

        _keyName = keyName;
        _key = key;
        _timeProvider = timeProvider;
        _validity = effectiveValidity;
    }

    /// <summary>Creates a provider from the policy in <paramref name="connectionString"/>.</summary>
    public SasCbsTokenProvider(ServiceBusConnectionString connectionString, TimeProvider timeProvider, TimeSpan? validity = null)
        : this(
            (connectionString ?? throw new ArgumentNullException(nameof(connectionString))).SharedAccessKeyName,
            connectionString.SharedAccessKey,
            timeProvider,
            validity)
    {
    }

    /// <inheritdoc />
    public Task<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        cancellationToken.ThrowIfCancellationRequested();

        // The signature covers whole seconds only; dating the token from them keeps ExpiresAt equal to 'se'.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((_timeProvider.GetUtcNow() + _validity).ToUnixTimeSeconds());
        var value = SharedAccessSignature.Create(audience, _keyName, _key, expiresAt);
        return Task.FromResult(new CbsToken(value, CbsTokenType.SharedAccessSignature, expiresAt));
    }
}
