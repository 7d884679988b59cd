using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>A companion figure of an indicator; without a measure it is unavailable for <see cref="UnavailableReason"/>.</summary>
public sealed record SecondaryDefinition(string Key, LocalizedText Name, string Unit, MeasureDefinition? Measure, LocalizedText? UnavailableReason);
