namespace IntegrationHub.Core.Contracts;

/// <summary>
/// How a feed's entities report (catalogue <c>"reporting"</c>): <see cref="EachPeriod"/>, every entity once per cadence
/// (a school's daily status), so an entity without a record for several cadences has stopped reporting; or
/// <see cref="OnChange"/>, an event when something changes (a dossier's state), so only the feed as a whole is expected
/// every cadence.
/// </summary>
public static class FeedReporting
{
    public const string EachPeriod = "each-period";
    public const string OnChange = "on-change";
}
