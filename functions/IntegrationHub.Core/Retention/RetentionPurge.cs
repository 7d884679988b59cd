using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntegrationHub.Core.AsOf;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.Retention;

/// <summary>
/// Removes what the catalogue's retention says has expired: history rows received more than <c>historyDays</c> ago, and
/// archived request bodies created more than <c>archiveDays</c> ago (the feed named in the blob's metadata; the longest
/// period in the catalogue for a blob without one), and the as-of rows that only serve instants before the history horizon.
/// Snapshots are kept. Each feed's purge is recorded in the audit chain
/// before anything is deleted, so the chain accounts for every archive blob it no longer finds.
/// </summary>
/// <param name="archive">The archive container, through the client of the one identity allowed to delete there.</param>
public sealed class RetentionPurge(FeedCatalogue catalogue, TableServiceClient tables, StorageOptions storage, BlobContainerClient archive,
    AuditTrail audit, TimeProvider clock)
{
    /// <summary>Rows per entity-group transaction (Table storage's limit).</summary>
    private const int TransactionRows = 100;
    private readonly TableClient _entities = tables.GetTableClient(storage.TablePrefix + "Entities");

    public async Task<RetentionReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var longest = catalogue.Feeds.Max(f => f.Retention.ArchiveDays);
        var expiredBlobs = await ExpiredArchiveBlobsAsync(now, longest, cancellationToken);

        int feeds = 0, rows = 0, blobs = 0, asOf = 0;
        foreach (var feed in catalogue.Feeds)
        {
            var historyCutoff = now.AddDays(-feed.Retention.HistoryDays);
            var archiveCutoff = now.AddDays(-feed.Retention.ArchiveDays);
            var history = await ExpiredHistoryAsync(feed.Id, historyCutoff, cancellationToken);
            var asOfRows = await ExpiredAsOfRowsAsync(feed.Id, historyCutoff, cancellationToken);
            var archived = expiredBlobs.GetValueOrDefault(feed.Id, []);
            if (await PurgeAsync(feed.Id, now, historyCutoff, history, asOfRows, archiveCutoff, archived, cancellationToken))
            {
                (feeds, rows, blobs, asOf) = (feeds + 1, rows + history.Count, blobs + archived.Count, asOf + asOfRows.Count);
            }
        }

        // Bodies whose feed is not (or no longer) in the catalogue: kept for the longest period any feed has.
        var orphans = expiredBlobs.GetValueOrDefault("", []);
        if (await PurgeAsync(null, now, now, [], [], now.AddDays(-longest), orphans, cancellationToken))
        {
            (feeds, blobs) = (feeds + 1, blobs + orphans.Count);
        }

        return new RetentionReport(feeds, rows, blobs, asOf);
    }

    private async Task<bool> PurgeAsync(string? feedId, DateTimeOffset now, DateTimeOffset historyCutoff, IReadOnlyList<TableEntity> history,
        IReadOnlyList<TableEntity> asOfRows, DateTimeOffset archiveCutoff, IReadOnlyList<string> blobs, CancellationToken cancellationToken)
    {
        if (history.Count == 0 && asOfRows.Count == 0 && blobs.Count == 0)
        {
            return false;
        }

        await audit.RecordAsync(AuditEntries.Purge(feedId, now, historyCutoff, history.Count, asOfRows.Count, archiveCutoff, blobs), cancellationToken);
        foreach (var partition in history.Concat(asOfRows).GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(TransactionRows))
            {
                await Guard("Table", () => _entities.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken));
            }
        }

        foreach (var blob in blobs)
        {
            await Guard("Blob", () => archive.DeleteBlobIfExistsAsync(blob, cancellationToken: cancellationToken));
        }

        return true;
    }

    private async Task<List<TableEntity>> ExpiredHistoryAsync(string feedId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var expired = new List<TableEntity>();
        foreach (var partition in TableKeys.EntityPartitions(feedId))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {TableKeys.HistoryRowPrefix} and RowKey lt {"h}"} and ReceivedAt lt {cutoff}");
            await Guard("Table", async () =>
            {
                await foreach (var row in _entities.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
                {
                    expired.Add(row);
                }

                return expired;
            });
        }

        return expired;
    }

    /// <summary>
    /// The as-of rows (docs/as-of.md) that only serve instants before the horizon: with C the newest checkpoint at or before
    /// <paramref name="cutoff"/>, the arrival rows of events that arrived by C and every older checkpoint (rows and manifest).
    /// A query at or after the horizon reads C and the arrivals after it, so it is answered as before; one before the
    /// horizon is refused. Without such a checkpoint nothing goes yet (queries after the cutoff still need every arrival).
    /// </summary>
    private async Task<List<TableEntity>> ExpiredAsOfRowsAsync(string feedId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var expired = new List<TableEntity>();
        var manifests = AsOfKeys.ManifestPartition(feedId);
        DateTimeOffset? kept = null;
        await Guard("Table", async () =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {manifests} and RowKey ge {AsOfKeys.ManifestRowKey(cutoff)}");
            await foreach (var row in _entities.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                if (kept is null)
                {
                    kept = new DateTimeOffset(DateTimeOffset.MaxValue.UtcTicks - long.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
                }
                else
                {
                    expired.Add(row); // an older checkpoint's manifest
                }
            }

            return expired;
        });
        if (kept is not { } checkpoint)
        {
            return expired;
        }

        foreach (var partition in TableKeys.EntityPartitions(feedId))
        {
            var arrivals = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {AsOfKeys.ArrivalRowPrefix} and RowKey lt {AsOfKeys.ArrivalBoundary(checkpoint)}");
            var olderCheckpoints = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {AsOfKeys.CheckpointRowPrefix} and RowKey lt {AsOfKeys.CheckpointPrefix(checkpoint, null)}");
            foreach (var filter in new[] { arrivals, olderCheckpoints })
            {
                await Guard("Table", async () =>
                {
                    await foreach (var row in _entities.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
                    {
                        expired.Add(row);
                    }

                    return expired;
                });
            }
        }

        return expired;
    }

    /// <returns>Expired blob names by the feed in their metadata ("" when none).</returns>
    private async Task<Dictionary<string, List<string>>> ExpiredArchiveBlobsAsync(DateTimeOffset now, int longestDays, CancellationToken cancellationToken)
    {
        var byFeed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await Guard("Blob", async () =>
        {
            await foreach (var blob in archive.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
            {
                var feedId = blob.Metadata.TryGetValue(BlobEventArchive.FeedMetadata, out var f) && catalogue.Find(f) is not null ? f : "";
                var days = feedId.Length > 0 ? catalogue.Find(feedId)!.Retention.ArchiveDays : longestDays;
                if (blob.Properties.CreatedOn is { } created && created < now.AddDays(-days))
                {
                    (byFeed.TryGetValue(feedId, out var list) ? list : byFeed[feedId] = []).Add(blob.Name);
                }
            }

            return byFeed;
        });
        return byFeed;
    }

    private static Task<T> Guard<T>(string service, Func<Task<T>> call) => StorageGuard.RunAsync(service, call);
}
