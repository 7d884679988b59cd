using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// A companion figure an indicator's formula names besides the headline value (e.g. I-14's attendance), in
/// <paramref name="Unit"/>; <paramref name="Status"/> is <c>unavailable</c> (value null) when its input is missing.
/// </summary>
public sealed record SecondaryValue(string Key, LocalizedText Name, long Numerator, long Denominator, double? Value,
    string Unit = "percent", string Status = IndicatorStatus.Computed, LocalizedText? UnavailableReason = null);
