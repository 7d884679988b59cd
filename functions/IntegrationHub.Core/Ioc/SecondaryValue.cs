using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc;

/// <summary>A companion figure an indicator's formula names besides the headline rate (e.g. I-14's attendance).</summary>
public sealed record SecondaryValue(string Key, LocalizedText Name, long Numerator, long Denominator, double? Value);
