using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;
using IntegrationHub.Core.Validation;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetIndicator;

/// <summary>
/// <c>GET /api/indicators/{id}?by=&amp;at=</c>: one indicator, as in the list; <c>by</c> keeps only that breakdown, <c>at</c>
/// (RFC 3339 date-time, or a date: the end of that province day) computes it at a past instant.
/// </summary>
[HubPolicy(HubPolicies.SnapshotsRead)]
public sealed class GetIndicator(HubRequestPipeline pipeline, IndicatorService indicators, FeedCatalogue catalogue, ValidationOptions province, TimeProvider clock)
{
    public const string Route = "api/indicators/{id}";

    /// <summary>How far ahead of the hub's clock <c>at</c> may be (a caller's clock running fast), read as now.</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    [Function(nameof(GetIndicator))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string id) =>
        pipeline.RunAsync<GetIndicator>(request, context => HandleAsync(id, context.Request.Query, context.RequestAborted));

    private async Task<IResult> HandleAsync(string id, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (indicators.Definitions.Find(id) is not { } definition)
        {
            return Problems.Result(404, "unknown-indicator", "Unknown indicator",
                $"There is no indicator '{id}'. GET /api/indicators lists them (I-01 to I-24).");
        }

        string? by = query["by"], atText = query["at"];
        if (by is not null && definition.Breakdowns.All(b => b.Name != by))
        {
            return QueryParameters.Bad("by", $"must be one of {string.Join(", ", definition.Breakdowns.Select(b => b.Name))} for {id}.");
        }

        var now = clock.GetUtcNow();
        var at = now;
        if (!string.IsNullOrEmpty(atText))
        {
            if (!Rfc3339.TryParseInstant(atText, province.ProvinceUtcOffset, out var instant, out var isDate))
            {
                return QueryParameters.Bad("at", "must be an RFC 3339 date-time with an offset (2026-11-20T08:00:00+07:00) or a date (2026-11-20).");
            }

            at = isDate ? instant.AddDays(1) : instant; // a date: the state at the end of that day
            if (isDate && at > now)
            {
                at = now;
            }
            else if (at > now + MaxClockSkew)
            {
                return QueryParameters.Bad("at", "must not be in the future.");
            }
        }

        var inputs = definition.Measure.Feed is { } feedId && feedId != MeasureDefinition.EveryFeed && catalogue.Find(feedId) is { } feed ? [feed] : catalogue.Feeds;
        if (at < now && RetentionHorizon.Refusal("at", at, now, inputs) is { } tooOld)
        {
            return tooOld;
        }

        var report = await indicators.GetAtAsync(at, cancellationToken);
        if (report is null)
        {
            return Problems.Result(501, "as-of-unavailable", "Indicators at a past instant are not available",
                $"Computing {id} at {at:O} needs the state of the feeds at that instant, from history; this hub answers the current state only. Omit 'at' for the current value.",
                new Dictionary<string, object?> { ["parameter"] = "at" });
        }

        var indicator = report.Indicators.Single(i => i.Id == id);
        if (by is not null)
        {
            indicator = indicator with { Breakdowns = new Dictionary<string, IReadOnlyList<BreakdownRow>>(StringComparer.Ordinal) { [by] = indicator.Breakdowns[by] } };
        }

        return Results.Json(indicator, Problems.Json);
    }
}
