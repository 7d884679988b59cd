using IntegrationHub.Core.AsOf;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.SnapshotCheckpoint;

/// <summary>
/// The <c>SnapshotCheckpoint</c> timer, hourly at minute 15: writes each feed's checkpoint at the latest province midnight
/// if it is not there yet (so a missed run is made up by the next), postponed while events of before the cut-off are in the outbox.
/// </summary>
public sealed partial class SnapshotCheckpointFunction(SnapshotCheckpoints checkpoints, ILogger<SnapshotCheckpointFunction> logger)
{
    public const string Name = nameof(SnapshotCheckpoint);
    public const string Schedule = "0 15 * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var results = await checkpoints.RunOnceAsync(cancellationToken);
        foreach (var result in results.Where(r => r.Outcome != CheckpointOutcome.Exists))
        {
            LogRun(logger, result.FeedId, result.Cutoff, result.Outcome, result.Entities, result.RowsRead, timer.IsPastDue);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SnapshotCheckpoint {FeedId} at {Cutoff}: {Outcome}, {Entities} entities, {RowsRead} rows read (past due: {PastDue})")]
    private static partial void LogRun(ILogger logger, string feedId, DateTimeOffset cutoff, CheckpointOutcome outcome, int entities, int rowsRead, bool pastDue);
}
