using System.Text.Json;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;
using IntegrationHub.Core.Tests.Support;
using IntegrationHub.Core.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Core.Tests.Ioc;

/// <summary>The IOC services over in-memory ports, the real catalogue and a fixed clock (the samples' 2026-11-20 12:00 +07:00).</summary>
public sealed class IocHarness
{
    public IocHarness(IocOptions? options = null, INdxpDeliveries? ndxp = null, params IIndicatorSnapshotSource[] pastSources)
    {
        Options = options ?? new IocOptions();
        Ndxp = ndxp;
        PastSources = pastSources;
        Time = new ProvinceTime(TimeSpan.FromHours(7));
        Store = new InMemoryFeedStatusStore(Time);
        Rules = new FreshnessRules(Options);
        Status = new FeedStatusService(Support.Contracts.Catalogue, Store, Rules, Time, Options, Clock);
        Indicators = new IndicatorService(Definitions, Support.Contracts.Catalogue, Support.Contracts.AdminUnits, [new CurrentSnapshotSource(Index), .. PastSources],
            Ndxp is null ? [] : [Ndxp], Store, Status, Options, new ValidationOptions(), Time, Clock);
        Monitor = new FreshnessMonitor(Support.Contracts.Catalogue, Store, Rules, Publisher, new ValidationOptions(), Time, Indicators, Clock,
            NullLogger<FreshnessMonitor>.Instance);
    }

    public static IndicatorDefinitions Definitions { get; } = IndicatorDefinitions.LoadEmbedded();

    public FakeTimeProvider Clock { get; } = SampleTime.Clock();
    public INdxpDeliveries? Ndxp { get; }
    public IReadOnlyList<IIndicatorSnapshotSource> PastSources { get; }
    public IocOptions Options { get; }
    public ProvinceTime Time { get; }
    public InMemoryFeedStatusStore Store { get; }
    public InMemorySnapshotIndex Index { get; } = new();
    public RecordingPublisher Publisher { get; } = new();
    public FreshnessRules Rules { get; }
    public FeedStatusService Status { get; }
    public IndicatorService Indicators { get; }
    public FreshnessMonitor Monitor { get; }

    public DateTimeOffset Now => Clock.GetUtcNow();

    public void AddSnapshot(string feedId, string subject, string? commune, object data, DateTimeOffset? eventTime = null, DateTimeOffset? receivedAt = null) =>
        Index.Add(new SnapshotIndexEntry(feedId, subject, commune ?? "_", Guid.NewGuid().ToString(), eventTime ?? Now.AddHours(-1), receivedAt ?? Now, 1,
            JsonSerializer.SerializeToUtf8Bytes(data)));

    public Task AcceptAsync(string feedId, DateTimeOffset at, int accepted = 1, int rejected = 0, int duplicates = 0)
    {
        var results = Enumerable.Range(0, accepted).Select(i => new Core.Ingest.EventResult(i, null, Core.Ingest.EventResult.Accepted, []))
            .Concat(Enumerable.Range(0, rejected).Select(i => new Core.Ingest.EventResult(i, null, Core.Ingest.EventResult.Rejected, [new ValidationError("/data/x", "must be ≥ 0")])))
            .Concat(Enumerable.Range(0, duplicates).Select(i => new Core.Ingest.EventResult(i, null, Core.Ingest.EventResult.Duplicate, [])))
            .ToArray();
        return Store.RecordAsync(IngestTally.From(feedId, at, results), CancellationToken.None);
    }
}
