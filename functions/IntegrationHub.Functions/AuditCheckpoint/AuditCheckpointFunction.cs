using IntegrationHub.Core.Audit;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.AuditCheckpoint;

/// <summary>The <c>AuditCheckpoint</c> timer, every five minutes: records the audit chain's head so that truncation shows.</summary>
public sealed partial class AuditCheckpointFunction(Core.Audit.AuditCheckpoint checkpoint, ILogger<AuditCheckpointFunction> logger)
{
    public const string Name = nameof(AuditCheckpoint);
    public const string Schedule = "0 */5 * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var written = await RunOnceAsync(cancellationToken);
        LogRun(logger, written?.Sequence, timer.IsPastDue);
    }

    /// <summary>One checkpoint; null when the chain is empty or has not moved.</summary>
    public Task<AuditCheckpointRecord?> RunOnceAsync(CancellationToken cancellationToken) => checkpoint.RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AuditCheckpoint: head seq {Sequence} recorded (past due: {PastDue})")]
    private static partial void LogRun(ILogger logger, long? sequence, bool pastDue);
}
