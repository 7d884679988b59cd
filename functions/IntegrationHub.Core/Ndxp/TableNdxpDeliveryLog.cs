using System.Globalization;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// Tables <c>&lt;prefix&gt;NdxpDeliveries</c> (one row per message: partition the feed id, row key the escaped message id)
/// and <c>&lt;prefix&gt;NdxpFeedDays</c> (partition the feed id; row <c>d|yyyy-MM-dd</c> per UTC day with the day's counts
/// and a latency histogram, row <c>current</c> with the latest outcome). Feed status reads at most 31 day rows and the
/// current row per feed, one query each, however many messages were forwarded.
/// </summary>
public sealed class TableNdxpDeliveryLog : INdxpDeliveryLog
{
    /// <summary>Upper edges (ms) of the latency histogram's buckets; the last bucket is open.</summary>
    public static readonly long[] LatencyBucketsMs = [25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 3_600_000];

    private const string CurrentRowKey = "current";
    private const string DayPrefix = "d|";
    private readonly TableClient _deliveries;
    private readonly TableClient _days;

    public TableNdxpDeliveryLog(TableServiceClient service, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _deliveries = service.GetTableClient(options.TablePrefix + "NdxpDeliveries");
        _days = service.GetTableClient(options.TablePrefix + "NdxpFeedDays");
    }

    public async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        await StorageGuard.RunAsync("Table", () => _deliveries.CreateIfNotExistsAsync(cancellationToken));
        await StorageGuard.RunAsync("Table", () => _days.CreateIfNotExistsAsync(cancellationToken));
    }

    public async Task<NdxpDelivery?> FindAsync(string feedId, string messageId, CancellationToken cancellationToken)
    {
        var row = await StorageGuard.RunAsync("Table", () => _deliveries.GetEntityIfExistsAsync<TableEntity>(feedId, TableKeys.Escape(messageId), cancellationToken: cancellationToken));
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        return new NdxpDelivery(feedId, messageId, entity.GetString("EventId"), entity.GetString("Status") ?? NdxpDeliveryStatus.Retrying,
            entity.GetInt32("Attempts") ?? 0, entity.GetDateTimeOffset("FirstAttemptAt") ?? default, entity.GetDateTimeOffset("LastAttemptAt") ?? default,
            entity.GetDateTimeOffset("DeliveredAt"), entity.GetInt64("LatencyMs"), entity.GetString("LastResult"), entity.GetString("Reason"));
    }

    public Task SaveAsync(NdxpDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var entity = new TableEntity(delivery.FeedId, TableKeys.Escape(delivery.MessageId))
        {
            ["MessageId"] = delivery.MessageId,
            ["EventId"] = delivery.EventId,
            ["Status"] = delivery.Status,
            ["Attempts"] = delivery.Attempts,
            ["FirstAttemptAt"] = delivery.FirstAttemptAt,
            ["LastAttemptAt"] = delivery.LastAttemptAt,
            ["DeliveredAt"] = delivery.DeliveredAt,
            ["LatencyMs"] = delivery.LatencyMs,
            ["LastResult"] = delivery.LastResult,
            ["Reason"] = delivery.Reason,
        };
        return StorageGuard.RunAsync("Table", () => _deliveries.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken));
    }

    /// <summary>Merges the run into the day row with the row's ETag (re-read and retried on a conflict) and replaces the current row.</summary>
    public async Task RecordRunAsync(NdxpFeedRun run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var dayKey = DayPrefix + now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await StorageGuard.RunAsync("Table", () => _days.GetEntityIfExistsAsync<TableEntity>(run.FeedId, dayKey, cancellationToken: cancellationToken));
            var day = existing.HasValue && existing.Value is { } found ? found : new TableEntity(run.FeedId, dayKey);
            var histogram = ReadHistogram(day.GetString("Latency"));
            foreach (var latency in run.LatenciesMs)
            {
                histogram[Bucket(latency)]++;
            }

            day["Delivered"] = (day.GetInt64("Delivered") ?? 0) + run.Delivered;
            day["DeadLettered"] = (day.GetInt64("DeadLettered") ?? 0) + run.DeadLettered;
            day["Latency"] = string.Join(',', histogram);
            try
            {
                await StorageGuard.RunAsync("Table", () => day.ETag == default
                    ? _days.AddEntityAsync(day, cancellationToken)
                    : _days.UpdateEntityAsync(day, day.ETag, TableUpdateMode.Replace, cancellationToken));
                break;
            }
            catch (RequestFailedException e) when ((e.Status is 409 or 412) && attempt < 5)
            {
                // Another instance wrote the day first: read its figures and add ours again.
            }
        }

        var current = await StorageGuard.RunAsync("Table", () => _days.GetEntityIfExistsAsync<TableEntity>(run.FeedId, CurrentRowKey, cancellationToken: cancellationToken));
        var row = current.HasValue && current.Value is { } value ? value : new TableEntity(run.FeedId, CurrentRowKey);
        row["LastDeliveredAt"] = Latest(row.GetDateTimeOffset("LastDeliveredAt"), run.LastDeliveredAt);
        row["LastAttemptAt"] = Latest(row.GetDateTimeOffset("LastAttemptAt"), run.LastAttemptAt);
        row["LastOutcome"] = run.LastOutcome ?? row.GetString("LastOutcome");
        row["Retrying"] = (long)run.Retrying;
        await StorageGuard.RunAsync("Table", () => _days.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
    }

    public async Task<IReadOnlyDictionary<string, NdxpFeedStatus>> SummariesAsync(IReadOnlyCollection<string> feedIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedIds);
        var from = DayPrefix + now.UtcDateTime.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var summaries = await Task.WhenAll(feedIds.Select(async feedId =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {feedId} and ((RowKey ge {from} and RowKey lt {"d}"}) or RowKey eq {CurrentRowKey})");
            var rows = await StorageGuard.RunAsync("Table", async () =>
            {
                var list = new List<TableEntity>();
                await foreach (var entity in _days.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    list.Add(entity);
                }

                return list;
            });
            return (feedId, Summary(rows));
        }));
        return summaries.ToDictionary(s => s.feedId, s => s.Item2, StringComparer.Ordinal);
    }

    /// <summary>The figures of a feed from its day rows (already limited to 30 days by the query) and its current row.</summary>
    private static NdxpFeedStatus Summary(List<TableEntity> rows)
    {
        var current = rows.FirstOrDefault(r => r.RowKey == CurrentRowKey);
        var days = rows.Where(r => r.RowKey.StartsWith(DayPrefix, StringComparison.Ordinal)).ToList();
        if (current is null && days.Count == 0)
        {
            return NdxpFeedStatus.None;
        }

        var histogram = new long[LatencyBucketsMs.Length + 1];
        foreach (var day in days)
        {
            var counts = ReadHistogram(day.GetString("Latency"));
            for (var i = 0; i < histogram.Length; i++)
            {
                histogram[i] += counts[i];
            }
        }

        var lastDelivered = current?.GetDateTimeOffset("LastDeliveredAt");
        return new NdxpFeedStatus(
            days.Sum(d => d.GetInt64("Delivered") ?? 0),
            lastDelivered,
            current?.GetDateTimeOffset("LastAttemptAt"),
            current?.GetString("LastOutcome"),
            current?.GetInt64("Retrying") ?? 0,
            days.Sum(d => d.GetInt64("DeadLettered") ?? 0),
            Median(histogram));
    }

    /// <summary>The upper edge of the bucket holding the median; null with no latencies (the open bucket reports its lower edge).</summary>
    public static long? Median(long[] histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var total = histogram.Sum();
        if (total == 0)
        {
            return null;
        }

        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen * 2 >= total)
            {
                return i < LatencyBucketsMs.Length ? LatencyBucketsMs[i] : LatencyBucketsMs[^1];
            }
        }

        return LatencyBucketsMs[^1];
    }

    public static int Bucket(long latencyMs)
    {
        for (var i = 0; i < LatencyBucketsMs.Length; i++)
        {
            if (latencyMs <= LatencyBucketsMs[i])
            {
                return i;
            }
        }

        return LatencyBucketsMs.Length;
    }

    private static long[] ReadHistogram(string? text)
    {
        var histogram = new long[LatencyBucketsMs.Length + 1];
        if (string.IsNullOrEmpty(text))
        {
            return histogram;
        }

        var parts = text.Split(',');
        for (var i = 0; i < Math.Min(parts.Length, histogram.Length); i++)
        {
            histogram[i] = long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }

        return histogram;
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
