namespace IntegrationHub.Core.Ioc;

/// <summary>One feed's counts for one hour of province time.</summary>
public sealed record HourBucket(DateTimeOffset Hour, long Accepted, long Rejected, long Duplicates, IReadOnlyList<RejectionReason> Reasons);
