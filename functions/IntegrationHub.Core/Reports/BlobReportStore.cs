using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// The reports in Blob storage: the private container <c>&lt;prefix&gt;-reports</c>, a folder per report id holding
/// <c>report.csv</c> and <c>report.html</c>. The HTML page is written last and carries the report's description as blob metadata,
/// so the list is one listing call with metadata and no body is read.
/// </summary>
public sealed class BlobReportStore : IReportStore
{
    private const string KindMetadata = "kind";
    private const string ScopeMetadata = "scope";
    private const string StartMetadata = "periodstart";
    private const string EndMetadata = "periodend";
    private const string GeneratedMetadata = "generatedat";

    private readonly BlobContainerClient _container;

    public BlobReportStore(BlobServiceClient service, StorageOptions options)
    {
        _container = service.GetBlobContainerClient(options.ContainerPrefix + "-reports");
    }

    public BlobContainerClient Container => _container;

    public Task CreateContainerAsync(CancellationToken cancellationToken) =>
        Guard(() => _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken));

    public async Task SaveAsync(StoredReport report, byte[] html, byte[] csv, CancellationToken cancellationToken)
    {
        await CreateContainerAsync(cancellationToken);
        await UploadAsync(report.Id + "/" + ReportFile.Csv, csv, ReportCsv.MediaType + "; charset=utf-8", null, cancellationToken);
        await UploadAsync(report.Id + "/" + ReportFile.Html, html, ReportHtml.MediaType + "; charset=utf-8", new Dictionary<string, string>
        {
            [KindMetadata] = report.Kind,
            [ScopeMetadata] = report.Scope,
            [StartMetadata] = Instant(report.PeriodStart),
            [EndMetadata] = Instant(report.PeriodEnd),
            [GeneratedMetadata] = Instant(report.GeneratedAt),
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredReport>> ListAsync(CancellationToken cancellationToken)
    {
        var reports = new List<StoredReport>();
        try
        {
            await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
            {
                if (!blob.Name.EndsWith("/" + ReportFile.Html, StringComparison.Ordinal) || Describe(blob) is not { } report)
                {
                    continue;
                }

                reports.Add(report);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return []; // no report was ever written
        }
        catch (RequestFailedException e) when (e.Status is 0 or >= 500)
        {
            throw new StorageUnavailableException("The reports container could not be listed.", e);
        }

        return reports.OrderByDescending(r => r.PeriodStart).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ThenBy(r => r.Scope == ReportScope.Province ? "" : r.Scope, StringComparer.Ordinal).ToArray();
    }

    public async Task<byte[]?> ReadAsync(string id, string file, CancellationToken cancellationToken)
    {
        if (!ReportFile.IsReportId(id) || !ReportFile.IsKnown(file))
        {
            return null;
        }

        try
        {
            var content = await _container.GetBlobClient(id + "/" + file).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 0 or >= 500)
        {
            throw new StorageUnavailableException("The reports container could not be read.", e);
        }
    }

    private static StoredReport? Describe(BlobItem blob)
    {
        var id = blob.Name[..blob.Name.IndexOf('/', StringComparison.Ordinal)];
        var metadata = blob.Metadata;
        return ReportFile.IsReportId(id)
            && metadata.TryGetValue(KindMetadata, out var kind) && metadata.TryGetValue(ScopeMetadata, out var scope)
            && TryInstant(metadata, StartMetadata, out var start) && TryInstant(metadata, EndMetadata, out var end)
            && TryInstant(metadata, GeneratedMetadata, out var generated)
            ? new StoredReport(id, kind, scope, start, end, generated)
            : null;
    }

    private async Task UploadAsync(string name, byte[] content, string contentType, IDictionary<string, string>? metadata, CancellationToken cancellationToken) =>
        await Guard(() => _container.GetBlobClient(name).UploadAsync(new BinaryData(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata,
        }, cancellationToken));

    private static string Instant(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static bool TryInstant(IDictionary<string, string> metadata, string key, out DateTimeOffset instant)
    {
        instant = default;
        return metadata.TryGetValue(key, out var text)
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    private static Task Guard(Func<Task> action) => StorageGuard.RunAsync("Blob", async () =>
    {
        await action();
        return 0;
    });
}
