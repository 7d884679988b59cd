namespace IntegrationHub.Core.Audit;

/// <summary>
/// Records the chain's head (sequence and hash) in the checkpoint container, when it moved since the last checkpoint: a
/// chain that later ends before a checkpointed sequence was truncated.
/// </summary>
public sealed class AuditCheckpoint(BlobAuditChain chain, TimeProvider clock)
{
    /// <returns>The checkpoint written, or null when the chain is empty or has not moved.</returns>
    public async Task<AuditCheckpointRecord?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var head = await chain.ReadHeadAsync(cancellationToken);
        if (head.Sequence == 0 || (await chain.ReadLatestCheckpointAsync(cancellationToken))?.Sequence == head.Sequence)
        {
            return null;
        }

        var checkpoint = new AuditCheckpointRecord(head.Sequence, head.Hash, clock.GetUtcNow());
        await chain.AppendCheckpointAsync(checkpoint, cancellationToken);
        return checkpoint;
    }
}
