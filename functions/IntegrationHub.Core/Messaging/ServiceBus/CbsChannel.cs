using Amqp;
using Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// Claims-based authorization state of one connection: the lazily opened <c>$cbs</c> link pair and,
/// per authorized audience, the timer that puts a fresh token before the current one expires.
/// </summary>
internal sealed class CbsChannel : IDisposable
{
    private const string OperationProperty = "operation";
    private const string PutTokenOperation = "put-token";
    private const string TypeProperty = "type";
    private const string NameProperty = "name";
    private const string ExpirationProperty = "expiration";
    private const string StatusCodeProperty = "status-code";
    private const string StatusDescriptionProperty = "status-description";

    // ITimer due times must fit in an unsigned 32-bit millisecond count.
    private static readonly TimeSpan MaximumTimerDelay = TimeSpan.FromDays(49);

    private readonly Connection _connection;
    private readonly ICbsTokenProvider _tokenProvider;
    private readonly TimeProvider _timeProvider;
    private readonly CbsAuthorizationOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizedAudience> _audiences = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposal = new();
    private Task<CbsLink>? _link;
    private bool _disposed;

    public CbsChannel(Connection connection, ICbsTokenProvider tokenProvider, TimeProvider timeProvider, CbsAuthorizationOptions options, ILogger logger)
    {
        _connection = connection;
        _tokenProvider = tokenProvider;
        _timeProvider = timeProvider;
        _options = options;
        _logger = logger;
    }

    /// <summary>Puts a token for <paramref name="audience"/> and keeps it refreshed until the channel is disposed.</summary>
    public async Task AuthorizeAsync(string audience, CancellationToken cancellationToken)
    {
        var token = await PutTokenAsync(audience, cancellationToken);
        OnAuthorized(audience, token.ExpiresAt);
    }

    /// <summary>Stops every refresh and closes the <c>$cbs</c> links.</summary>
    public void Dispose()
    {
        Task<CbsLink>? link;
        List<ITimer> timers = [];
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var audience in _audiences.Values)
            {
                if (audience.Timer is not null)
                {
                    timers.Add(audience.Timer);
                }
            }

            _audiences.Clear();
            link = _link;
            _link = null;
        }

        _disposal.Cancel();
        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        link?.ContinueWith(
            static opened =>
            {
                if (opened.IsCompletedSuccessfully)
                {
                    opened.Result.Close();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// The delay before refreshing a token that expires at <paramref name="expiresAt"/>:
    /// expiry − buffer − jitter, at least the minimum interval, but never at or after the expiry itself.
    /// </summary>
    internal static TimeSpan RefreshDelay(DateTimeOffset expiresAt, DateTimeOffset now, TimeSpan jitter, CbsAuthorizationOptions options)
    {
        var remaining = expiresAt - now;
        if (remaining <= TimeSpan.Zero)
        {
            // Already expired (clock skew or a provider handing out stale tokens): do not spin.
            return options.MinimumRefreshInterval;
        }

        var delay = remaining - options.RefreshBuffer - jitter;
        if (delay < options.MinimumRefreshInterval)
        {
            delay = options.MinimumRefreshInterval;
        }

        if (delay >= remaining)
        {
            // A token shorter-lived than the minimum interval would lapse first; links on it would be dropped.
            delay = remaining / 2;
        }

        return delay > MaximumTimerDelay ? MaximumTimerDelay : delay;
    }

    /// <summary>The wait before retry number <paramref name="attempt"/> (1-based) of a failed refresh.</summary>
    internal static TimeSpan RetryDelay(int attempt, CbsAuthorizationOptions options)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(options.RetryDelay.Ticks * factor, options.MaximumRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private async Task<CbsToken> PutTokenAsync(string audience, CancellationToken cancellationToken)
    {
        var token = await _tokenProvider.GetTokenAsync(audience, cancellationToken);
        var link = await GetLinkAsync().WaitAsync(cancellationToken);

        // Service Bus expects the token as an AmqpValue string body; new Message(string) encodes exactly that.
        var request = new Message(token.Value) { ApplicationProperties = new ApplicationProperties() };
        request.ApplicationProperties[OperationProperty] = PutTokenOperation;
        request.ApplicationProperties[TypeProperty] = token.Type;
        request.ApplicationProperties[NameProperty] = audience;
        request.ApplicationProperties[ExpirationProperty] = token.ExpiresAt.UtcDateTime;

        var response = await link.RequestAsync(request, _options.RequestTimeout, cancellationToken);
        var properties = response.ApplicationProperties?.Map;
        if (properties is null || !properties.TryGetValue(StatusCodeProperty, out var statusValue) || !TryGetInt32(statusValue, out var statusCode))
        {
            throw new InvalidOperationException($"The {CbsLink.NodeAddress} response for '{audience}' has no integer {StatusCodeProperty}.");
        }

        if (statusCode is not (200 or 202))
        {
            var description = properties.TryGetValue(StatusDescriptionProperty, out var descriptionValue) ? descriptionValue as string : null;

            // A peer echoing the request must not leak the token into exception messages and logs.
            if (description is not null && description.Contains(token.Value, StringComparison.Ordinal))
            {
                description = description.Replace(token.Value, "[token]", StringComparison.Ordinal);
            }

            throw new CbsAuthorizationException(audience, statusCode, description);
        }

        return token;
    }

    private Task<CbsLink> GetLinkAsync()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Reopen after a failed open or after the node detached the pair; one open serves all callers.
            if (_link is null || _link.IsFaulted || _link.IsCanceled || (_link.IsCompletedSuccessfully && _link.Result.IsClosed))
            {
                _link = CbsLink.OpenAsync(_connection, _timeProvider, _options.RequestTimeout, _disposal.Token);
            }

            return _link;
        }
    }

    private void OnAuthorized(string audience, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (!_audiences.TryGetValue(audience, out var authorized))
            {
                authorized = new AuthorizedAudience(audience);
                _audiences.Add(audience, authorized);
            }
            else if (expiresAt < authorized.ExpiresAt)
            {
                // A concurrent put-token already installed a longer-lived token and its refresh.
                return;
            }

            authorized.ExpiresAt = expiresAt;
            authorized.FailedRefreshes = 0;
            var jitter = TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * _options.RefreshJitter.Ticks));
            Arm(authorized, RefreshDelay(expiresAt, _timeProvider.GetUtcNow(), jitter, _options));
        }
    }

    // Called with _gate held.
    private void Arm(AuthorizedAudience authorized, TimeSpan delay)
    {
        authorized.Timer?.Dispose();
        authorized.Timer = _timeProvider.CreateTimer(
            static state =>
            {
                var (channel, audience) = ((CbsChannel, AuthorizedAudience))state!;
                _ = channel.RefreshAsync(audience);
            },
            (this, authorized),
            delay,
            Timeout.InfiniteTimeSpan);
    }

    private async Task RefreshAsync(AuthorizedAudience authorized)
    {
        CancellationToken cancellationToken;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            cancellationToken = _disposal.Token;
        }

        try
        {
            var token = await PutTokenAsync(authorized.Audience, cancellationToken);
            OnAuthorized(authorized.Audience, token.ExpiresAt);
            _logger.LogDebug("Refreshed the CBS token for {Audience}; it expires at {ExpiresAt}.", authorized.Audience, token.ExpiresAt);
        }
        catch (Exception exception)
        {
            int attempt;
            TimeSpan delay;
            lock (_gate)
            {
                if (_disposed)
                {
                    // Disposal cancels in-flight refreshes; their failures are expected.
                    return;
                }

                attempt = ++authorized.FailedRefreshes;
                delay = RetryDelay(attempt, _options);
                Arm(authorized, delay);
            }

            _logger.LogWarning(
                exception,
                "Refreshing the CBS token for {Audience} failed (attempt {Attempt}); retrying in {RetryDelay}.",
                authorized.Audience,
                attempt,
                delay);
        }
    }

    private static bool TryGetInt32(object? value, out int result)
    {
        switch (value)
        {
            case int number:
                result = number;
                return true;
            case long or short or uint or ushort or byte or sbyte or ulong:
                result = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private sealed class AuthorizedAudience(string audience)
    {
        public string Audience { get; } = audience;

        public DateTimeOffset ExpiresAt { get; set; } = DateTimeOffset.MinValue;

        public int FailedRefreshes { get; set; }

        public ITimer? Timer { get; set; }
    }
}
