namespace IntegrationHub.Core.Audit;

/// <summary>
/// What <see cref="AuditVerifier"/> found: the records and archive blobs it checked, the first break in the chain (if any),
/// truncation against the newest checkpoint, and every archive blob that is missing or no longer matches its hash.
/// </summary>
public sealed record AuditVerification(long Records, long HeadSequence, AuditCheckpointRecord? Checkpoint, int ArchiveBlobsChecked,
    int ArchiveBlobsPurged, IReadOnlyList<AuditFinding> Findings)
{
    public bool IsIntact => Findings.Count == 0;
}
