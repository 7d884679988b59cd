using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Table <c>&lt;prefix&gt;FeedStatus</c>. One partition per feed (its id): <c>h|yyyyMMddHH</c> rows count one
/// province-time hour, <c>last</c> holds the last accepted event's received time, <c>state</c> the monitor's
/// state. Partition <c>indicators</c> (no feed id lacks a dot, so it cannot collide) holds the indicators' hourly
/// values, keyed <c>yyyyMMddHH|&lt;id&gt;</c> so one range query reads every indicator's trend.
/// Each request makes one read-modify-write of its feed-hour row, optimistic on the ETag.
/// </summary>
public sealed class TableFeedStatusStore : IFeedStatusStore
{
    public const string IndicatorsPartition = "indicators";
    private const string LastRowKey = "last";
    private const string StateRowKey = "state";
    private const int MaxAttempts = 20;

    private readonly TableClient _table;
    private readonly ProvinceTime _time;
    private readonly int _keepReasons;

    public TableFeedStatusStore(TableServiceClient service, StorageOptions options, ProvinceTime time, IocOptions ioc)
    {
        _table = service.GetTableClient(options.TablePrefix + "FeedStatus");
        _time = time;
        _keepReasons = Math.Max(ioc.TopReasons * 4, 20);
    }

    public Task CreateTableAsync(CancellationToken cancellationToken) => Guard(() => _table.CreateIfNotExistsAsync(cancellationToken));

    public async Task RecordAsync(IngestTally tally, CancellationToken cancellationToken)
    {
        var rowKey = "h|" + _time.HourKey(tally.ReceivedAt);
        await UpdateAsync(tally.FeedId, rowKey, row =>
        {
            row["Accepted"] = (row.GetInt64("Accepted") ?? 0) + tally.Accepted;
            row["Rejected"] = (row.GetInt64("Rejected") ?? 0) + tally.Rejected;
            row["Duplicates"] = (row.GetInt64("Duplicates") ?? 0) + tally.Duplicates;
            if (tally.Reasons.Count > 0)
            {
                var reasons = ParseReasons(row.GetString("Reasons")).ToDictionary(r => (r.Pointer, r.Reason), r => r.Count);
                foreach (var (key, count) in tally.Reasons)
                {
                    reasons[key] = reasons.GetValueOrDefault(key) + count;
                }

                row["Reasons"] = JsonSerializer.Serialize(reasons.OrderByDescending(r => r.Value).Take(_keepReasons)
                    .Select(r => new ReasonJson(r.Key.Pointer, r.Key.Reason, r.Value)));
            }

            return true;
        }, cancellationToken);

        if (tally.Accepted > 0)
        {
            await UpdateAsync(tally.FeedId, LastRowKey, row =>
            {
                if (row.GetDateTimeOffset("LastAcceptedAt") is { } last && last >= tally.ReceivedAt)
                {
                    return false;
                }

                row["LastAcceptedAt"] = tally.ReceivedAt;
                return true;
            }, cancellationToken);
        }
    }

    public async Task<FeedStatusRecord> ReadAsync(string feedId, DateTimeOffset fromHour, CancellationToken cancellationToken)
    {
        // Hour rows sort before "last" and "state", so one range query reads all three kinds.
        var from = "h|" + _time.HourKey(fromHour);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {feedId} and RowKey ge {from}");
        DateTimeOffset? lastAcceptedAt = null;
        StoredFeedState? state = null;
        var buckets = new List<HourBucket>();
        await Guard(async () =>
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.RowKey == LastRowKey)
                {
                    lastAcceptedAt = row.GetDateTimeOffset("LastAcceptedAt");
                }
                else if (row.RowKey == StateRowKey)
                {
                    state = new StoredFeedState(row.GetString("State") ?? FeedState.Silent, row.GetDateTimeOffset("Since") ?? default,
                        row.GetDateTimeOffset("LastEventAt"), row.GetDateTimeOffset("CheckedAt") ?? default, row.ETag.ToString());
                }
                else if (row.RowKey.StartsWith("h|", StringComparison.Ordinal))
                {
                    buckets.Add(new HourBucket(_time.ParseHourKey(row.RowKey[2..]), row.GetInt64("Accepted") ?? 0, row.GetInt64("Rejected") ?? 0,
                        row.GetInt64("Duplicates") ?? 0, ParseReasons(row.GetString("Reasons"))));
                }
            }

            return 0;
        }, tolerateMissingTable: true);
        return new FeedStatusRecord(feedId, lastAcceptedAt, buckets, state);
    }

    public async Task<bool> SaveStateAsync(string feedId, StoredFeedState state, CancellationToken cancellationToken)
    {
        var row = new TableEntity(feedId, StateRowKey)
        {
            ["State"] = state.State,
            ["Since"] = state.Since,
            ["LastEventAt"] = state.LastEventAt,
            ["CheckedAt"] = state.CheckedAt,
        };
        try
        {
            await Guard(() => state.ETag is null
                ? _table.AddEntityAsync(row, cancellationToken)
                : _table.UpdateEntityAsync(row, new ETag(state.ETag), TableUpdateMode.Replace, cancellationToken));
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task SaveIndicatorPointsAsync(IReadOnlyList<IndicatorPoint> points, CancellationToken cancellationToken)
    {
        // One partition, so one entity-group transaction (at most 100 rows) per hour's points.
        foreach (var chunk in points.Chunk(100))
        {
            var actions = chunk.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(IndicatorsPartition, _time.HourKey(p.Hour) + "|" + p.IndicatorId) { ["Value"] = p.Value })).ToList();
            await Guard(() => _table.SubmitTransactionAsync(actions, cancellationToken));
        }
    }

    public async Task<IReadOnlyList<IndicatorPoint>> ReadIndicatorPointsAsync(DateTimeOffset fromHour, CancellationToken cancellationToken)
    {
        var from = _time.HourKey(fromHour);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndicatorsPartition} and RowKey ge {from}");
        var points = new List<IndicatorPoint>();
        await Guard(async () =>
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var separator = row.RowKey.IndexOf('|', StringComparison.Ordinal);
                points.Add(new IndicatorPoint(row.RowKey[(separator + 1)..], _time.ParseHourKey(row.RowKey[..separator]), row.GetDouble("Value")));
            }

            return 0;
        }, tolerateMissingTable: true);
        return points;
    }

    /// <summary>Read, change, write back on the ETag; another writer in between means read again.</summary>
    private async Task UpdateAsync(string partition, string rowKey, Func<TableEntity, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                var current = await Guard(() => _table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken));
                var row = current.HasValue ? current.Value! : new TableEntity(partition, rowKey);
                if (!change(row))
                {
                    return;
                }

                await Guard(() => current.HasValue
                    ? _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken)
                    : _table.AddEntityAsync(row, cancellationToken));
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another request of the same feed-hour wrote first.
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
            {
                await CreateTableAsync(cancellationToken);
            }
        }

        throw new FeedStatusContentionException($"Feed status row {partition}/{rowKey} changed under every one of {MaxAttempts} attempts.");
    }

    private static IReadOnlyList<RejectionReason> ParseReasons(string? json) =>
        string.IsNullOrEmpty(json)
            ? []
            : (JsonSerializer.Deserialize<ReasonJson[]>(json) ?? []).Select(r => new RejectionReason(r.P, r.R, r.N)).ToArray();

    private static async Task<T> Guard<T>(Func<Task<T>> call, bool tolerateMissingTable = false)
    {
        try
        {
            return await StorageGuard.RunAsync("Table", call);
        }
        catch (RequestFailedException e) when (tolerateMissingTable && e.Status == 404)
        {
            return default!; // nothing recorded yet: the table is created by the first write
        }
    }

    private sealed record ReasonJson(string P, string R, long N);
}
