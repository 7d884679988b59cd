using IntegrationHub.Core.AsOf;

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
        return builder;
    }
}
