namespace IntegrationHub.Core.Messaging;

/// <summary>What a replay did: the message ids sent back to the subscription (and removed from its dead-letter queue), and those not found there.</summary>
/// <param name="Replayed">Ids replayed, in request order. A message id dead-lettered twice is replayed twice and listed once.</param>
/// <param name="NotFound">Ids the dead-letter queue did not hold (already replayed, never there, or held by a concurrent listing).</param>
public sealed record DeadLettersReplay(IReadOnlyList<string> Replayed, IReadOnlyList<string> NotFound);
