using System.Runtime.CompilerServices;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Tests.Ioc;

/// <summary>A snapshot index in memory: enough for the indicators, which only scan a feed.</summary>
public sealed class InMemorySnapshotIndex : ISnapshotIndex
{
    private readonly List<SnapshotIndexEntry> _entries = [];

    public void Add(SnapshotIndexEntry entry) => _entries.Add(entry);

    public Task<ResultPage<SnapshotIndexEntry>> QueryAsync(SnapshotQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new ResultPage<SnapshotIndexEntry>(_entries.Where(e => e.FeedId == query.FeedId).Take(query.PageSize).ToArray(), null));

    public async IAsyncEnumerable<SnapshotIndexEntry> ScanFeedAsync(string feedId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var entry in _entries.Where(e => e.FeedId == feedId).ToArray())
        {
            yield return entry;
        }
    }
}
