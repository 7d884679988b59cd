using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.ListDeadLetters;

/// <summary>
/// The dead-letter listing of a restricted feed's topic, for an operator without the feed's read role
/// (<c>Snapshots.Read.&lt;feedId&gt;</c>): every entity key (subject) is withheld, the rest (ids, times, reasons) stays, so
/// the messages can still be replayed. <c>Hub.Admin</c> operates the hub; it does not read records.
/// </summary>
internal static class WithheldSubjects
{
    /// <summary>Whether the caller must not see the subjects of <paramref name="topic"/>'s messages.</summary>
    public static bool Applies(FeedCatalogue catalogue, string topic, System.Security.Claims.ClaimsPrincipal user) =>
        catalogue.Topology().Topics.FirstOrDefault(t => t.Name == topic)?.FeedId is { } feedId
        && catalogue.Find(feedId) is { } feed
        && feed.Classification == FeedClassification.Restricted
        && !FeedReaderRequirement.MayRead(user, feed);

    public static IReadOnlyList<DeadLettersItem> Withhold(IReadOnlyList<DeadLettersItem> items) =>
        items.Select(i => i with { Subject = null }).ToArray();

    /// <summary>The poisoned entries with the same members as <see cref="PoisonEntry"/>, the subject null.</summary>
    public static IReadOnlyList<object> Withhold(IReadOnlyList<PoisonEntry> entries) =>
        entries.Select(e => (object)new
        {
            feedId = e.FeedId,
            topic = e.Topic,
            keyHash = e.KeyHash,
            source = e.Source,
            eventId = e.EventId,
            subject = (string?)null,
            attempts = e.Attempts,
            reason = e.Reason,
            createdAt = e.CreatedAt,
            poisonedAt = e.PoisonedAt,
        }).ToArray();
}
