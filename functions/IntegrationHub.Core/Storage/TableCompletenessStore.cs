using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Core.Completeness;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Table <c>&lt;prefix&gt;Completeness</c>, one partition per feed: <c>p|yyyyMMddHHmm|&lt;source hash&gt;|&lt;instance&gt;</c> rows
/// hold one hub instance's first arrival of one sender for one period (province time of the period's start; readers take
/// the earliest over instances), <c>s|&lt;source hash&gt;</c> the monitor's alert state per sender, <c>start</c> when
/// tracking began. A row is written once, with an insert that loses to an earlier one, so there is no read before a write
/// and no contention; a sender reporting every 15 minutes costs one insert per 15 minutes and hub instance.
/// </summary>
public sealed class TableCompletenessStore : ICompletenessStore
{
    private const string StartRowKey = "start";
    private readonly TableClient _table;
    private readonly TimeSpan _offset;
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];

    public TableCompletenessStore(TableServiceClient service, StorageOptions options, Ioc.ProvinceTime time)
    {
        _table = service.GetTableClient(options.TablePrefix + "Completeness");
        _offset = time.Offset;
    }

    public Task CreateTableAsync(CancellationToken cancellationToken) => StorageGuard.RunAsync("Table", () => _table.CreateIfNotExistsAsync(cancellationToken));

    public async Task RecordAsync(IReadOnlyList<PeriodArrival> arrivals, CancellationToken cancellationToken)
    {
        foreach (var arrival in arrivals)
        {
            var row = new TableEntity(arrival.FeedId, $"p|{PeriodKey(arrival.PeriodStart)}|{SourceKey(arrival.Source)}|{_instance}")
            {
                ["Source"] = arrival.Source,
                ["PeriodStart"] = arrival.PeriodStart,
                ["FirstReceivedAt"] = arrival.FirstReceivedAt,
            };
            await InsertAsync(row, cancellationToken);
        }
    }

    public async Task<CompletenessRecord> ReadAsync(string feedId, DateTimeOffset fromPeriod, CancellationToken cancellationToken)
    {
        // Arrival rows ("p|…") sort before the state rows ("s|…") and "start", so one range query reads all three.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {feedId} and RowKey ge {"p|" + PeriodKey(fromPeriod)}");
        var earliest = new Dictionary<(string Source, long Period), PeriodArrival>();
        var states = new Dictionary<string, SenderAlertState>(StringComparer.Ordinal);
        DateTimeOffset? trackedSince = null;
        try
        {
            await StorageGuard.RunAsync("Table", async () =>
            {
                await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    if (row.RowKey == StartRowKey)
                    {
                        trackedSince = row.GetDateTimeOffset("TrackedSince");
                    }
                    else if (row.RowKey.StartsWith("s|", StringComparison.Ordinal) && row.GetString("Source") is { } stateSource)
                    {
                        states[stateSource] = new SenderAlertState(stateSource, row.GetString("Condition") ?? SenderAlertState.Ok,
                            row.GetDateTimeOffset("Since") ?? default, row.GetDateTimeOffset("CheckedAt") ?? default, row.ETag.ToString());
                    }
                    else if (row.RowKey.StartsWith("p|", StringComparison.Ordinal) && row.GetString("Source") is { } source
                        && row.GetDateTimeOffset("PeriodStart") is { } period && row.GetDateTimeOffset("FirstReceivedAt") is { } first)
                    {
                        var key = (source, period.UtcTicks);
                        if (!earliest.TryGetValue(key, out var known) || first < known.FirstReceivedAt)
                        {
                            earliest[key] = new PeriodArrival(feedId, source, period.ToOffset(_offset), first);
                        }
                    }
                }

                return 0;
            });
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // nothing recorded yet: the table is created at start and by the first write
        }

        return new CompletenessRecord(feedId, trackedSince, [.. earliest.Values.OrderBy(a => a.PeriodStart).ThenBy(a => a.Source, StringComparer.Ordinal)], states);
    }

    public async Task<DateTimeOffset> StartTrackingAsync(string feedId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await InsertAsync(new TableEntity(feedId, StartRowKey) { ["TrackedSince"] = now }, cancellationToken))
        {
            return now;
        }

        var row = await StorageGuard.RunAsync("Table", () => _table.GetEntityAsync<TableEntity>(feedId, StartRowKey, cancellationToken: cancellationToken));
        return row.Value.GetDateTimeOffset("TrackedSince") ?? now;
    }

    public async Task<bool> SaveAlertStateAsync(string feedId, SenderAlertState state, CancellationToken cancellationToken)
    {
        var row = new TableEntity(feedId, "s|" + SourceKey(state.Source))
        {
            ["Source"] = state.Source,
            ["Condition"] = state.Condition,
            ["Since"] = state.Since,
            ["CheckedAt"] = state.CheckedAt,
        };
        try
        {
            await StorageGuard.RunAsync("Table", () => state.ETag is null
                ? _table.AddEntityAsync(row, cancellationToken)
                : _table.UpdateEntityAsync(row, new ETag(state.ETag), TableUpdateMode.Replace, cancellationToken));
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<int> PurgeAsync(string feedId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {feedId} and RowKey ge {"p|"} and RowKey lt {"p|" + PeriodKey(before)}");
        var deleted = 0;
        try
        {
            await StorageGuard.RunAsync("Table", async () =>
            {
                var keys = new List<string>();
                await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
                {
                    keys.Add(row.RowKey);
                }

                foreach (var chunk in keys.Chunk(100))
                {
                    await _table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(feedId, k))), cancellationToken);
                    deleted += chunk.Length;
                }

                return 0;
            });
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // no table yet: nothing to purge
        }

        return deleted;
    }

    /// <summary>Inserts a row; false when it exists already (the earlier row wins).</summary>
    private async Task<bool> InsertAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                await StorageGuard.RunAsync("Table", () => _table.AddEntityAsync(row, cancellationToken));
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
            {
                await CreateTableAsync(cancellationToken);
                await StorageGuard.RunAsync("Table", () => _table.AddEntityAsync(row, cancellationToken));
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private string PeriodKey(DateTimeOffset start) => start.ToOffset(_offset).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    private static string SourceKey(string source) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
}
