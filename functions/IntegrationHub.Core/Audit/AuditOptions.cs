namespace IntegrationHub.Core.Audit;

/// <summary>Settings of the audit trail (<c>Hub:Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>Reads waiting to be appended at most; when the buffer is full, reads are refused (503), never left unrecorded.</summary>
    public int ReadBufferCapacity { get; set; } = 10_000;

    /// <summary>Records per chain segment (one append blob each; Azure caps an append blob at 50,000 blocks).</summary>
    public int SegmentRecords { get; set; } = 10_000;

    /// <summary>Records appended in one block at most (group commit of concurrent requests).</summary>
    public int MaxRecordsPerBlock { get; set; } = 500;

    /// <summary>Attempts of one append when other writers keep moving the chain's head.</summary>
    public int MaxAppendAttempts { get; set; } = 50;

    public bool IsValid => ReadBufferCapacity > 0 && SegmentRecords is > 0 and <= 50_000 && MaxRecordsPerBlock > 0 && MaxAppendAttempts > 0;
}
