namespace IntegrationHub.Core.Audit;

/// <summary>The last record of the chain as a writer knows it, and where the next block goes.</summary>
/// <param name="Length">Length in bytes of segment <paramref name="Segment"/> after that record.</param>
public sealed record AuditHead(long Sequence, string Hash, long Segment, long Length)
{
    public static readonly AuditHead Empty = new(0, AuditRecord.Genesis, 0, 0);
}
