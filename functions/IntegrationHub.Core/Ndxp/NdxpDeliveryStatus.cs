namespace IntegrationHub.Core.Ndxp;

/// <summary>Where a message's delivery to NDXP stands (the <c>lastOutcome</c> values of feed status).</summary>
public static class NdxpDeliveryStatus
{
    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    public const string DeadLettered = "deadLettered";
}
