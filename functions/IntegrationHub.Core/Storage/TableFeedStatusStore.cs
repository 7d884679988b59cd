using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Table <c>&lt;prefix&gt;FeedStatus</c>. One partition per feed (its id): <c>h|yyyyMMddHH|&lt;instance&gt;</c> rows count one
/// province-time hour as seen by one hub instance (readers add them up), <c>last|&lt;instance&gt;</c> hold the last accepted
/// event's received time, <c>state</c> the monitor's state. Partition <c>indicators</c> (no feed id lacks a dot, so it cannot collide) holds the indicators' hourly
/// values, keyed <c>yyyyMMddHH|&lt;id&gt;</c> so one range query reads every indicator's trend.
/// Counts arrive aggregated (<see cref="FeedActivityRecorder"/>, about one write per feed-hour row a second).
/// </summary>
public sealed class TableFeedStatusStore : IFeedStatusStore
{
    public const string IndicatorsPartition = "indicators";
    private const string LastRowKey = "last";
    private const string StateRowKey = "state";

    private readonly TableClient _table;
    private readonly ProvinceTime _time;
    private readonly int _keepReasons;

    // This instance's totals per feed-hour (the rows only it writes), and the last accepted time it recorded per feed.
    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly Dictionary<(string Feed, string Hour), IngestTally> _totals = [];
    private readonly Dictionary<string, DateTimeOffset?> _lastAccepted = new(StringComparer.Ordinal);

    public TableFeedStatusStore(TableServiceClient service, StorageOptions options, ProvinceTime time, IocOptions ioc)
    {
        _table = service.GetTableClient(options.TablePrefix + "FeedStatus");
        _time = time;
        _keepReasons = Math.Max(ioc.TopReasons * 4, 20);
    }

    public Task CreateTableAsync(CancellationToken cancellationToken) => Guard(() => _table.CreateIfNotExistsAsync(cancellationToken));

    /// <summary>
    /// Adds the tally to this instance's totals for its feed-hour and writes them as one upsert of this instance's own row
    /// (<c>h|yyyyMMddHH|&lt;instance&gt;</c>, and <c>last|&lt;instance&gt;</c>): no other writer touches these rows, so there is
    /// no read, no ETag conflict and no retry; readers add the instances' rows up. If the write fails, the totals stay in
    /// memory and the next write carries them.
    /// </summary>
    public async Task RecordAsync(IngestTally tally, CancellationToken cancellationToken)
    {
        var hourKey = _time.HourKey(tally.ReceivedAt);
        IngestTally total;
        DateTimeOffset? last;
        lock (_totals)
        {
            total = _totals.TryGetValue((tally.FeedId, hourKey), out var earlier) ? IngestTally.Merge(earlier, tally) : tally;
            _totals[(tally.FeedId, hourKey)] = total;
            foreach (var stale in _totals.Keys.Where(k => string.CompareOrdinal(k.Hour, _time.HourKey(tally.ReceivedAt.AddDays(-2))) < 0).ToList())
            {
                _totals.Remove(stale);
            }

            last = _lastAccepted.GetValueOrDefault(tally.FeedId);
            if (tally.LastAcceptedAt is { } accepted && (last is null || accepted > last))
            {
                _lastAccepted[tally.FeedId] = last = accepted;
            }
            else if (tally.LastAcceptedAt is null)
            {
                last = null; // nothing new to record
            }
        }

        var row = new TableEntity(tally.FeedId, "h|" + hourKey + "|" + _instance)
        {
            ["Accepted"] = total.Accepted,
            ["Rejected"] = total.Rejected,
            ["Duplicates"] = total.Duplicates,
        };
        if (total.Reasons.Count > 0)
        {
            row["Reasons"] = JsonSerializer.Serialize(total.Reasons.OrderByDescending(r => r.Value).Take(_keepReasons)
                .Select(r => new ReasonJson(r.Key.Pointer, r.Key.Reason, r.Value)));
        }

        await UpsertAsync(row, cancellationToken);
        if (last is { } lastAccepted)
        {
            await UpsertAsync(new TableEntity(tally.FeedId, LastRowKey + "|" + _instance) { ["LastAcceptedAt"] = lastAccepted }, cancellationToken);
        }
    }

    private async Task UpsertAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await Guard(() => _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
        {
            await CreateTableAsync(cancellationToken);
            await Guard(() => _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
        }
    }

    public async Task<FeedStatusRecord> ReadAsync(string feedId, DateTimeOffset fromHour, CancellationToken cancellationToken)
    {
        // Hour rows sort before "last" and "state", so one range query reads all three kinds.
        var from = "h|" + _time.HourKey(fromHour);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {feedId} and RowKey ge {from}");
        DateTimeOffset? lastAcceptedAt = null;
        StoredFeedState? state = null;
        var hours = new SortedDictionary<string, (long Accepted, long Rejected, long Duplicates, Dictionary<(string, string), long> Reasons)>(StringComparer.Ordinal);
        await Guard(async () =>
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.RowKey == LastRowKey || row.RowKey.StartsWith(LastRowKey + "|", StringComparison.Ordinal))
                {
                    var last = row.GetDateTimeOffset("LastAcceptedAt");
                    if (last is not null && (lastAcceptedAt is null || last > lastAcceptedAt))
                    {
                        lastAcceptedAt = last;
                    }
                }
                else if (row.RowKey == StateRowKey)
                {
                    state = new StoredFeedState(row.GetString("State") ?? FeedState.Silent, row.GetDateTimeOffset("Since") ?? default,
                        row.GetDateTimeOffset("LastEventAt"), row.GetDateTimeOffset("CheckedAt") ?? default, row.ETag.ToString());
                }
                else if (row.RowKey.StartsWith("h|", StringComparison.Ordinal) && row.RowKey.Length >= 12)
                {
                    // One row per hour and writing instance: added up here.
                    var hour = row.RowKey[2..12];
                    var (a, r, d, reasons) = hours.TryGetValue(hour, out var sum) ? sum : (0, 0, 0, new Dictionary<(string, string), long>());
                    foreach (var reason in ParseReasons(row.GetString("Reasons")))
                    {
                        reasons[(reason.Pointer, reason.Reason)] = reasons.GetValueOrDefault((reason.Pointer, reason.Reason)) + reason.Count;
                    }

                    hours[hour] = (a + (row.GetInt64("Accepted") ?? 0), r + (row.GetInt64("Rejected") ?? 0), d + (row.GetInt64("Duplicates") ?? 0), reasons);
                }
            }

            return 0;
        }, tolerateMissingTable: true);
        var buckets = hours.Select(h => new HourBucket(_time.ParseHourKey(h.Key), h.Value.Accepted, h.Value.Rejected, h.Value.Duplicates,
            h.Value.Reasons.Select(r => new RejectionReason(r.Key.Item1, r.Key.Item2, r.Value)).ToArray())).ToList();
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
