using IntegrationHub.Core.Ingest;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.OutboxRelay;

/// <summary>The <c>OutboxRelay</c> timer, every 30 s: publishes accepted events whose publication was not confirmed.</summary>
public sealed partial class OutboxRelayFunction(Core.Ingest.OutboxRelay relay, ILogger<OutboxRelayFunction> logger)
{
    public const string Name = nameof(OutboxRelay);
    public const string Schedule = "*/30 * * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await RunOnceAsync(cancellationToken);
        LogRun(logger, report.Due, report.Published, report.Failed, timer.IsPastDue);
    }

    /// <summary>One run of the relay; the tests and tools that need its result as an object call this.</summary>
    public Task<RelayReport> RunOnceAsync(CancellationToken cancellationToken) => relay.RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OutboxRelay: due {Due}, published {Published}, failed {Failed} (past due: {PastDue})")]
    private static partial void LogRun(ILogger logger, int due, int published, int failed, bool pastDue);
}
