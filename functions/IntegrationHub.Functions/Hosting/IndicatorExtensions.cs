using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Functions.Hosting;

/// <summary>The indicators: their configuration (indicators.json, checked at start) and where they read the state of the feeds.</summary>
public static class IndicatorExtensions
{
    public static IServiceCollection AddHubIndicators(this IServiceCollection services)
    {
        // Loaded once at start: a malformed indicators.json stops the hub with the JSON Pointer of the fault.
        services.AddSingleton(_ => IndicatorDefinitions.LoadEmbedded());

        // The current state comes first; a state-at-an-instant source for past instants is added after it (IIndicatorSnapshotSource).
        services.AddSingleton<IIndicatorSnapshotSource, CurrentSnapshotSource>();
        services.AddSingleton<IndicatorService>();
        return services;
    }
}
