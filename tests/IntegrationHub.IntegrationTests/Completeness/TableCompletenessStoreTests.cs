using Azure.Data.Tables;
using IntegrationHub.Core.Completeness;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Completeness;

/// <summary>The completeness table against real Azurite: two hub instances, first arrivals, tracking start, alert states and the purge.</summary>
[Collection(StackCollection.Name)]
public sealed class TableCompletenessStoreTests(SharedStackFixture fixture)
{
    private const string Feed = "edu.school-status";
    private const string Source = "urn:lgsp:25:000.00.11.H25:csdl-giao-duc";
    private static readonly TimeSpan Province = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Day = new(2026, 11, 16, 0, 0, 0, Province);

    private (TableCompletenessStore First, TableCompletenessStore Second) TwoInstances()
    {
        var service = new TableServiceClient(fixture.Stack.StorageConnectionString);
        var options = new StorageOptions { TablePrefix = "T" + Guid.NewGuid().ToString("N")[..10] };
        var time = new ProvinceTime(Province);
        return (new TableCompletenessStore(service, options, time), new TableCompletenessStore(service, options, time));
    }

    [Fact]
    public async Task The_earliest_arrival_over_instances_wins_and_a_later_one_never_replaces_it()
    {
        var (first, second) = TwoInstances();
        await first.RecordAsync([new PeriodArrival(Feed, Source, Day, Day.AddHours(9))], CancellationToken.None); // creates the table
        await second.RecordAsync([new PeriodArrival(Feed, Source, Day, Day.AddHours(8))], CancellationToken.None);
        await first.RecordAsync([new PeriodArrival(Feed, Source, Day, Day.AddHours(7)), new PeriodArrival(Feed, Source, Day.AddDays(1), Day.AddDays(1).AddHours(10))],
            CancellationToken.None);

        var record = await second.ReadAsync(Feed, Day, CancellationToken.None);

        Assert.Equal([(Day, Day.AddHours(8)), (Day.AddDays(1), Day.AddDays(1).AddHours(10))], record.Arrivals.Select(a => (a.PeriodStart, a.FirstReceivedAt)));
        Assert.All(record.Arrivals, a => Assert.Equal((Feed, Source), (a.FeedId, a.Source)));
        Assert.Single((await first.ReadAsync(Feed, Day.AddDays(1), CancellationToken.None)).Arrivals);
        Assert.Empty((await first.ReadAsync("health.facility-interop", Day, CancellationToken.None)).Arrivals);
    }

    [Fact]
    public async Task Tracking_starts_once_and_alert_states_are_guarded_by_their_etag()
    {
        var (first, second) = TwoInstances();
        await first.CreateTableAsync(CancellationToken.None);

        Assert.Null((await first.ReadAsync(Feed, Day, CancellationToken.None)).TrackedSince);
        Assert.Equal(Day, await first.StartTrackingAsync(Feed, Day, CancellationToken.None));
        Assert.Equal(Day, await second.StartTrackingAsync(Feed, Day.AddDays(3), CancellationToken.None));

        Assert.True(await first.SaveAlertStateAsync(Feed, new SenderAlertState(Source, SenderAlertState.Ok, Day, Day), CancellationToken.None));
        Assert.False(await second.SaveAlertStateAsync(Feed, new SenderAlertState(Source, SenderAlertState.Silent, Day, Day), CancellationToken.None)); // no ETag: not first
        var stored = (await second.ReadAsync(Feed, Day, CancellationToken.None)).AlertStates[Source];
        Assert.True(await second.SaveAlertStateAsync(Feed, stored with { Condition = SenderAlertState.Silent }, CancellationToken.None));
        Assert.False(await first.SaveAlertStateAsync(Feed, stored with { Condition = SenderAlertState.LateStreak }, CancellationToken.None)); // stale ETag

        var record = await first.ReadAsync(Feed, Day, CancellationToken.None);
        Assert.Equal(Day, record.TrackedSince);
        Assert.Equal(SenderAlertState.Silent, record.AlertStates[Source].Condition);
    }

    [Fact]
    public async Task The_purge_deletes_only_arrivals_of_periods_before_the_cutoff()
    {
        var (store, _) = TwoInstances();
        var arrivals = Enumerable.Range(0, 130).Select(d => new PeriodArrival(Feed, Source, Day.AddDays(d), Day.AddDays(d).AddHours(8))).ToArray();
        await store.RecordAsync(arrivals, CancellationToken.None);
        await store.StartTrackingAsync(Feed, Day, CancellationToken.None);
        await store.SaveAlertStateAsync(Feed, new SenderAlertState(Source, SenderAlertState.Ok, Day, Day), CancellationToken.None);

        var purged = await store.PurgeAsync(Feed, Day.AddDays(120), CancellationToken.None);

        var record = await store.ReadAsync(Feed, Day.AddDays(-1), CancellationToken.None);
        Assert.Equal(120, purged); // more than one transaction of 100
        Assert.Equal(Enumerable.Range(120, 10).Select(d => Day.AddDays(d)), record.Arrivals.Select(a => a.PeriodStart));
        Assert.Equal(Day, record.TrackedSince);
        Assert.Single(record.AlertStates);
    }
}
