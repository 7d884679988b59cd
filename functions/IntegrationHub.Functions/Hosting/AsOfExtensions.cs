using IntegrationHub.Core.AsOf;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Functions.Hosting;

/// <summary>Queries over time: the as-of reader (for the snapshot API and the indicators at a past date) and the checkpoint writer.</summary>
public static class AsOfExtensions
{
    public static IHostApplicationBuilder AddHubAsOf(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TableFeedStateAsOf>();
        builder.Services.AddSingleton<IFeedStateAsOf>(sp => sp.GetRequiredService<TableFeedStateAsOf>());
        builder.Services.AddSingleton<SnapshotCheckpoints>();
        builder.Services.AddSingleton<ListSnapshots.SnapshotsAsOf>();

        // Indicators at a past instant (GET /api/indicators?at=) read the same path; the current state's source stays first.
        builder.Services.AddSingleton<IIndicatorSnapshotSource, AsOfIndicatorSource>();
        return builder;
    }
}
