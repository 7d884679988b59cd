namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// The settlement decision table (docs/ndxp.md): complete only after a 2xx; 401 refreshes the token once; a configured
/// permanent 4xx dead-letters with <c>PermanentFailure</c>; everything else (timeout, 408, 429, 5xx, other statuses) is
/// abandoned with a pause of the feed, honouring <c>Retry-After</c>, until the message's attempts reach
/// <see cref="NdxpOptions.MaxDeliveries"/>, when it is dead-lettered with <c>MaxDeliveryCountExceeded</c>.
/// </summary>
/// <param name="Action">What to do with the message.</param>
/// <param name="Reason">The dead-letter reason, or null.</param>
/// <param name="Description">What happened, for the dead-letter queue and the delivery record (never the record).</param>
/// <param name="Pause">How long the feed waits before its next POST, or null.</param>
public sealed record NdxpSettlement(NdxpSettlementAction Action, string? Reason, string Description, TimeSpan? Pause)
{
    public const string PermanentFailure = "PermanentFailure";
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
    public const string InvalidMessage = "InvalidMessage";

    /// <summary>The decision for <paramref name="attempt"/>, the <paramref name="deliveryNumber"/>th delivery of the message.</summary>
    /// <param name="tokenRefreshed">Whether this attempt already fetched a new token after a 401.</param>
    public static NdxpSettlement Decide(NdxpAttempt attempt, int deliveryNumber, bool tokenRefreshed, NdxpOptions options)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(options);
        var what = attempt.StatusCode is { } status ? $"HTTP {status}" : attempt.Failure ?? "no answer";
        if (attempt.IsSuccess)
        {
            return new(NdxpSettlementAction.Complete, null, what, null);
        }

        if (attempt.StatusCode == 401 && !tokenRefreshed)
        {
            return new(NdxpSettlementAction.RefreshTokenAndRetry, null, what, null);
        }

        if (attempt.StatusCode is { } permanent && options.PermanentStatusCodes.Contains(permanent))
        {
            return new(NdxpSettlementAction.DeadLetter, PermanentFailure, what, null);
        }

        if (deliveryNumber >= options.MaxDeliveries)
        {
            return new(NdxpSettlementAction.DeadLetter, MaxDeliveryCountExceeded, $"{what} on delivery {deliveryNumber} of {options.MaxDeliveries}", null);
        }

        return new(NdxpSettlementAction.Abandon, null, what, Backoff(attempt.RetryAfter, deliveryNumber, options));
    }

    /// <summary>The endpoint's <c>Retry-After</c> when it gave one, else base × 2^(delivery − 1); both capped at BackoffMax.</summary>
    public static TimeSpan Backoff(TimeSpan? retryAfter, int deliveryNumber, NdxpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return asked < options.BackoffMax ? asked : options.BackoffMax;
        }

        var exponent = Math.Clamp(deliveryNumber - 1, 0, 20);
        var delay = options.BackoffBase * Math.Pow(2, exponent);
        return delay < options.BackoffMax ? delay : options.BackoffMax;
    }
}
