using System.Globalization;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// The operators' view of a subscription's dead-letter queue: list what is there without losing it, and replay chosen
/// messages back to that one subscription. The transport's <see cref="IDeadLetterQueue"/> does the work
/// (<see cref="AmqpDeadLetterQueue"/> for RabbitMQ, <see cref="ServiceBus.ServiceBusDeadLetterQueue"/> for Service Bus).
/// </summary>
/// <remarks>
/// Replay always sends a copy first and removes the dead-lettered message only once the broker has accepted the copy: a
/// failure in between leaves a duplicate, never a loss. RabbitMQ gets the copy straight into the subscription's queue.
/// Service Bus cannot send to one subscription, so the copy goes to the topic with <see cref="ReplayToProperty"/> = the
/// subscription, and each subscription's rule (<c>hub_replay_to IS NULL OR hub_replay_to = '&lt;subscription&gt;'</c>,
/// deployed by infra/main.bicep in place of <c>$Default</c>) lets only its own replays in.
/// </remarks>
public sealed class DeadLetters(IDeadLetterQueue queue)
{
    /// <summary>The application property naming the subscription a Service Bus replay is meant for.</summary>
    public const string ReplayToProperty = "hub_replay_to";

    /// <summary>Most messages one listing returns.</summary>
    public const int MaxListed = 1000;

    /// <summary>Most dead-lettered messages one replay looks through.</summary>
    public const int MaxScanned = 5000;

    /// <summary>Service Bus's own dead-letter bookkeeping and the replay marker; a replayed copy starts clean.</summary>
    internal static readonly HashSet<string> BrokerProperties = new(StringComparer.Ordinal) { "DeadLetterReason", "DeadLetterErrorDescription", ReplayToProperty };

    /// <summary>Up to <paramref name="max"/> messages of the subscription's dead-letter queue, left in the queue.</summary>
    /// <exception cref="BrokerUnavailableException">The broker cannot be reached or refused the link.</exception>
    public Task<IReadOnlyList<DeadLettersItem>> ListAsync(string topic, string subscription, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxListed);
        return queue.ListAsync(topic, subscription, max, cancellationToken);
    }

    /// <summary>Sends the dead-lettered messages with the given ids back to the subscription and removes them from its dead-letter queue.</summary>
    /// <exception cref="BrokerUnavailableException">The broker cannot be reached, refused a link or refused a copy.</exception>
    public Task<DeadLettersReplay> ReplayAsync(string topic, string subscription, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        return queue.ReplayAsync(topic, subscription, messageIds, cancellationToken);
    }

    /// <summary>The ids of a replay split into those replayed and those not found, both in request order without repeats.</summary>
    internal static DeadLettersReplay Outcome(IReadOnlyCollection<string> requested, HashSet<string> replayed)
    {
        var ordered = requested.Distinct(StringComparer.Ordinal).ToList();
        return new DeadLettersReplay(ordered.Where(replayed.Contains).ToList(), ordered.Where(id => !replayed.Contains(id)).ToList());
    }

    /// <summary>A CloudEvents or broker time as an instant, whichever form the broker decoded it to.</summary>
    internal static DateTimeOffset? Instant(object? value) => value switch
    {
        DateTimeOffset instant => instant,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) => parsed,
        _ => null,
    };
}
