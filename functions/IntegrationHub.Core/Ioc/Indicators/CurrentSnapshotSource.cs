namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>The current state, from the snapshot index: serves "now", and any instant within <see cref="Tolerance"/> of it.</summary>
public sealed class CurrentSnapshotSource(ISnapshotIndex index) : IIndicatorSnapshotSource
{
    /// <summary>How far back an instant may be and still be answered with the current state.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(1);

    public bool Serves(DateTimeOffset at, DateTimeOffset now) => at >= now - Tolerance;

    public IAsyncEnumerable<SnapshotIndexEntry> ScanFeedAsync(string feedId, DateTimeOffset at, CancellationToken cancellationToken) =>
        index.ScanFeedAsync(feedId, cancellationToken);
}
