using IntegrationHub.Core.Reports;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GenerateReports;

/// <summary>
/// The <c>GenerateReports</c> timer, hourly at minute 20: every closed weekly and monthly period of every scope that has no report
/// yet, as HTML and CSV into the reports container (docs/reports.md). Hourly, so a run missed or failed is made up within the hour.
/// </summary>
public sealed partial class GenerateReportsFunction(ReportGenerator generator, ILogger<GenerateReportsFunction> logger)
{
    public const string Name = nameof(GenerateReports);
    public const string Schedule = "0 20 * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var run = await RunOnceAsync(cancellationToken);
        LogRun(logger, run.Generated.Count, run.AlreadyStored, timer.IsPastDue);
    }

    /// <summary>One run; the tests and tools that need its result as an object call this.</summary>
    public Task<ReportRun> RunOnceAsync(CancellationToken cancellationToken) => generator.RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "GenerateReports: {Generated} generated, {Stored} already stored (past due: {PastDue})")]
    private static partial void LogRun(ILogger logger, int generated, int stored, bool pastDue);
}
