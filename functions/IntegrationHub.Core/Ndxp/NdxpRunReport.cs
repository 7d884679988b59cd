namespace IntegrationHub.Core.Ndxp;

/// <summary>What one forwarder run did.</summary>
/// <param name="Enabled">False when no endpoint is configured (the run did nothing).</param>
/// <param name="Received">Messages taken from the subscriptions.</param>
/// <param name="Posts">POSTs made (a 401 retry counts).</param>
/// <param name="Delivered">Messages completed after a 2xx.</param>
/// <param name="Retrying">Messages abandoned to retry.</param>
/// <param name="DeadLettered">Messages dead-lettered.</param>
/// <param name="FailedFeeds">Topics whose subscription could not be read this run.</param>
public sealed record NdxpRunReport(bool Enabled, int Received, int Posts, int Delivered, int Retrying, int DeadLettered, IReadOnlyList<string> FailedFeeds)
{
    public static NdxpRunReport Off { get; } = new(false, 0, 0, 0, 0, 0, []);
}
