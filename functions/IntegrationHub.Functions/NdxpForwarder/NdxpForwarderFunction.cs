using IntegrationHub.Core.Ndxp;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.NdxpForwarder;

/// <summary>
/// The <c>NdxpForwarder</c> timer, every 15 s: drains the <c>ndxp</c> subscriptions to the national endpoint within
/// <c>Hub:Ndxp:RunBudget</c>. Off (a log line per run) while <c>Hub:Ndxp:Endpoint</c> is empty.
/// </summary>
public sealed partial class NdxpForwarderFunction(Core.Ndxp.NdxpForwarder forwarder, ILogger<NdxpForwarderFunction> logger)
{
    public const string Name = nameof(NdxpForwarder);
    public const string Schedule = "*/15 * * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await RunOnceAsync(cancellationToken);
        LogRun(logger, report.Enabled, report.Delivered, timer.IsPastDue);
    }

    /// <summary>One run of the forwarder; the tests and tools that need its result as an object call this.</summary>
    public Task<NdxpRunReport> RunOnceAsync(CancellationToken cancellationToken) => forwarder.RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "NdxpForwarder: enabled {Enabled}, delivered {Delivered} (past due: {PastDue})")]
    private static partial void LogRun(ILogger logger, bool enabled, int delivered, bool pastDue);
}
