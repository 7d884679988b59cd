using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>A provincial plan that sets targets; the order of the plans in the configuration is their default priority.</summary>
public sealed record IndicatorPlan(string Id, LocalizedText Name);
