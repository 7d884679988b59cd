using IntegrationHub.Core.OpenData;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.OpenDataExport;

/// <summary>
/// The <c>OpenDataExport</c> timer, daily at 00:30 UTC (07:30 in the province): aggregates per commune of the public feeds, as
/// CSV, JSON and DCAT JSON-LD, into the public open-data container.
/// </summary>
public sealed partial class OpenDataExportFunction(OpenDataExporter exporter, ILogger<OpenDataExportFunction> logger)
{
    public const string Name = nameof(OpenDataExport);
    public const string Schedule = "0 30 0 * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await RunOnceAsync(cancellationToken);
        LogRun(logger, report.Datasets.Count, report.Files.Count, timer.IsPastDue);
    }

    /// <summary>One export; the tests and tools that need its result as an object call this.</summary>
    public Task<OpenDataReport> RunOnceAsync(CancellationToken cancellationToken) => exporter.RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OpenDataExport: {Datasets} datasets, {Files} files (past due: {PastDue})")]
    private static partial void LogRun(ILogger logger, int datasets, int files, bool pastDue);
}
