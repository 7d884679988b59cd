namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// What the indicators read besides the records: feed status (null at a past instant, where it is not kept) and, per
/// feed, the NDXP subscription's last delivery (null while the hub does not know deliveries).
/// </summary>
public sealed record IndicatorInputs(FeedStatusReport? FeedStatus, IReadOnlyDictionary<string, DateTimeOffset>? NdxpLastDelivered);
