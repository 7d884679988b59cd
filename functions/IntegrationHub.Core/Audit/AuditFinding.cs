namespace IntegrationHub.Core.Audit;

/// <summary>
/// One thing the verifier found wrong. <paramref name="Position"/> is the record's 0-based place in the chain as stored
/// (across segments), <paramref name="Sequence"/> the sequence number the chain expected there.
/// </summary>
public sealed record AuditFinding(string Kind, long? Position, long? Sequence, string Detail)
{
    public const string Modified = "modified";
    public const string Deleted = "deleted";
    public const string Inserted = "inserted";
    public const string Reordered = "reordered";
    public const string Truncated = "truncated";
    public const string Unreadable = "unreadable";
    public const string ArchiveModified = "archive-modified";
    public const string ArchiveMissing = "archive-missing";
}
