namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// A breakdown of an indicator: its name (<c>commune</c>, <c>agency</c>…) and where a record's key comes from: a field
/// of the record's <c>data</c>, or <c>$commune</c>, <c>$province</c>, <c>$feed</c>, <c>$department</c>.
/// </summary>
public sealed record IndicatorBreakdown(string Name, string Source);
