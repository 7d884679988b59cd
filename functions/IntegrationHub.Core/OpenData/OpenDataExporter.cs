using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Validation;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.OpenData;

/// <summary>
/// The daily open-data export: for every feed classified <c>public</c> that has an <c>openData</c> block, and for no other,
/// its current entities summed up per commune (<see cref="OpenDataAggregator"/>) as CSV and JSON with a DCAT description, then
/// the DCAT catalogue of all of them, into the public container. Each run replaces the files of the one before.
/// </summary>
public sealed partial class OpenDataExporter(
    FeedCatalogue catalogue,
    ISnapshotIndex snapshots,
    AdminUnitRegistry adminUnits,
    IOpenDataStore store,
    OpenDataOptions options,
    ValidationOptions province,
    TimeProvider clock,
    ILogger<OpenDataExporter> logger)
{
    /// <summary>The feeds exported: public, with an <c>openData</c> block. The one place the export chooses feeds.</summary>
    public IReadOnlyList<FeedDefinition> Feeds => catalogue.Feeds.Where(f => f.IsPublic() && f.OpenData is not null).ToArray();

    public async Task<OpenDataReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var generatedAt = clock.GetUtcNow();
        var site = new OpenDataSite(options.PublicBaseUri ?? store.ContainerUri, province.ProvinceCode,
            adminUnits.Communes(adminUnits.CurrentVersion, province.ProvinceCode).FirstOrDefault()?.ProvinceName ?? province.ProvinceCode);
        var datasets = new List<JsonObject>();
        var files = new List<string>();
        var rows = 0;
        long skipped = 0;
        foreach (var feed in Feeds)
        {
            var entries = new List<SnapshotIndexEntry>();
            await foreach (var entry in snapshots.ScanFeedAsync(feed.Id, cancellationToken))
            {
                entries.Add(entry);
            }

            var table = OpenDataAggregator.Aggregate(feed, entries, adminUnits);
            var dataset = OpenDataDocuments.Dataset(table, site, generatedAt);
            await WriteAsync(files, OpenDataDocuments.CsvName(feed.Id), OpenDataCsv.MediaType + "; charset=utf-8; header=present", OpenDataCsv.Write(table), cancellationToken);
            await WriteAsync(files, OpenDataDocuments.JsonName(feed.Id), OpenDataDocuments.JsonMediaType, OpenDataDocuments.Json(table, generatedAt), cancellationToken);
            await WriteAsync(files, OpenDataDocuments.DatasetName(feed.Id), OpenDataDocuments.JsonLdMediaType, OpenDataDocuments.DatasetDocument(dataset), cancellationToken);
            datasets.Add(dataset);
            rows += table.Rows.Count;
            skipped += table.Skipped;
        }

        await WriteAsync(files, OpenDataDocuments.CatalogName, OpenDataDocuments.JsonLdMediaType, OpenDataDocuments.Catalog(datasets, site, generatedAt), cancellationToken);
        LogExported(logger, datasets.Count, rows, skipped);
        return new OpenDataReport(Feeds.Select(f => f.Id).ToArray(), rows, files, skipped);
    }

    private async Task WriteAsync(List<string> files, string name, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        await store.WriteAsync(name, contentType, content, cancellationToken);
        files.Add(name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Open data: {Datasets} datasets, {Rows} rows, {Skipped} entities left out")]
    private static partial void LogExported(ILogger logger, int datasets, int rows, long skipped);
}
