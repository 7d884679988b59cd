using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc;

/// <summary>An indicator for one department, agency, commune or feed: its inputs and value (null when nothing to divide).</summary>
public sealed record BreakdownRow(string Key, LocalizedText? Name, long Numerator, long Denominator, double? Value, string? State = null);
