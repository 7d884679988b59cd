using System.Net;
using System.Text.Json;

namespace IntegrationHub.Functions.Hosting;

/// <summary>The route table: one entry per Azure Function (its folder holds the function.json), plus the host's readiness probe.</summary>
public static class FunctionEndpoints
{
    public static WebApplication MapFunctions(this WebApplication app)
    {
        // The Functions host probes GET / until the handler answers; answer at once, before anything is warm.
        app.MapGet("/", () => Results.Text("IntegrationHub")).AllowAnonymous().WithName("Readiness");

        IngestEvents.IngestEvents.Map(app);
        ListFeeds.ListFeeds.Map(app);
        GetFeedSchema.GetFeedSchema.Map(app);
        GetSnapshot.GetSnapshot.Map(app);
        GetHealth.GetHealth.Map(app);
        ListSnapshots.ListSnapshots.Map(app);
        GetSnapshotHistory.GetSnapshotHistory.Map(app);
        GetFeedStatus.GetFeedStatus.Map(app);
        GetIndicators.GetIndicators.Map(app);
        ListDeadLetters.ListDeadLetters.Map(app);
        ReplayDeadLetters.ReplayDeadLetters.Map(app);
        GetOpenApi.GetOpenApi.Map(app);
        GetAsyncApi.GetAsyncApi.Map(app);

        var timers = app.Services.GetRequiredService<TimerFunctions>();
        foreach (var name in timers.Names)
        {
            app.MapPost("/" + name, (HttpContext context, CancellationToken cancellationToken) => InvokeTimerAsync(name, context, cancellationToken))
                .AllowAnonymous().WithName(name);
        }

        return app;
    }

    /// <summary>
    /// A timer invocation from the Functions host: <c>POST /&lt;Name&gt;</c> with <c>{"Data":…,"Metadata":…}</c>, answered with
    /// <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c>. Only the host calls it, so only loopback callers are served.
    /// </summary>
    private static async Task<IResult> InvokeTimerAsync(string name, HttpContext context, CancellationToken cancellationToken)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            return Problems.Result(403, "loopback-only", "Forbidden", "Timer invocations are accepted from the local Functions host only.");
        }

        var timers = context.RequestServices.GetRequiredService<TimerFunctions>();
        var summary = await timers.InvokeAsync(name, context.RequestServices, cancellationToken);
        return Results.Json(new Dictionary<string, object?>
        {
            ["Outputs"] = new Dictionary<string, object?>(),
            ["Logs"] = new[] { $"{name}: {summary}" },
            ["ReturnValue"] = null,
        }, new JsonSerializerOptions());
    }
}
