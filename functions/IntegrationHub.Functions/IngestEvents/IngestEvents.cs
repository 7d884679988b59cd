using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.IngestEvents;

/// <summary><c>POST /api/feeds/{feedId}/events</c>: CloudEvents in structured, batched or binary mode.</summary>
public static class IngestEvents
{
    public const string Route = "feeds/{feedId}/events";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/" + Route, HandleAsync).WithName(nameof(IngestEvents)).DisableAntiforgery()
            .RequireAuthorization(HubPolicies.PublishToFeed);

    private static async Task<IResult> HandleAsync(string feedId, HttpContext context, FeedCatalogue catalogue, CloudEventReader reader,
        IngestPipeline pipeline, IngestLimits limits, HubReadiness readiness, CancellationToken cancellationToken)
    {
        var feed = catalogue.Find(feedId);
        if (feed is null)
        {
            return Problems.Result(404, "unknown-feed", "Unknown feed",
                $"There is no feed '{feedId}' in the catalogue. GET /api/feeds lists the feeds.");
        }

        if (context.Request.ContentLength > limits.MaxBodyBytes)
        {
            return BodyTooLarge(limits);
        }

        var body = await RequestBody.ReadAsync(context.Request, limits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return BodyTooLarge(limits);
        }

        var headers = context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
        var (request, problem) = reader.Read(context.Request.ContentType, headers, body.Value);
        if (problem is not null)
        {
            return Problems.Result(problem);
        }

        if (RequestSources.RefuseIfNoneRegistered(context, request!) is { } refused)
        {
            request!.Dispose();
            return refused;
        }

        if (!readiness.StorageReady)
        {
            request!.Dispose();
            return Problems.StorageUnavailable(context);
        }

        using (request)
        {
            IngestOutcome outcome;
            try
            {
                outcome = await pipeline.IngestAsync(feed, request!, body.Value, context.Request.ContentType!, context.Sender(), cancellationToken);
            }
            catch (StorageUnavailableException)
            {
                return Problems.StorageUnavailable(context);
            }

            var counts = new Dictionary<string, object?>
            {
                ["accepted"] = outcome.Accepted,
                ["duplicates"] = outcome.Duplicates,
                ["rejected"] = outcome.Rejected,
                ["results"] = outcome.Results,
            };
            if (outcome.AllRejected)
            {
                var detail = outcome.Results.Count == 1
                    ? "The event was rejected; see results[0].errors."
                    : $"All {outcome.Results.Count} events were rejected; see results[].errors.";
                return Problems.Result(422, "rejected", "Every event was rejected", detail, counts);
            }

            return Results.Json(counts, Problems.Json, statusCode: 202);
        }
    }

    private static IResult BodyTooLarge(IngestLimits limits) =>
        Problems.Result(413, "body-too-large", "Body too large", $"The request body exceeds the limit of {limits.MaxBodyBytes} bytes. Send smaller batches.");
}
