using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.IngestEvents;

/// <summary><c>POST /api/feeds/{feedId}/events</c>: CloudEvents in structured, batched or binary mode.</summary>
[HubPolicy(HubPolicies.PublishToFeed)]
public sealed class IngestEvents(HubRequestPipeline pipeline, FeedCatalogue catalogue, CloudEventReader reader, IngestPipeline ingest,
    IngestLimits limits, HubReadiness readiness)
{
    public const string Route = "api/feeds/{feedId}/events";

    [Function(nameof(IngestEvents))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, string feedId) =>
        pipeline.RunAsync<IngestEvents>(request, context => HandleAsync(context, feedId), feedId);

    private async Task<IResult> HandleAsync(HttpContext context, string feedId)
    {
        var feed = catalogue.Find(feedId);
        if (feed is null)
        {
            return Problems.UnknownFeed(feedId);
        }

        var cancellationToken = context.RequestAborted;
        if (context.Request.ContentLength > limits.MaxBodyBytes)
        {
            return Problems.BodyTooLarge(limits.MaxBodyBytes);
        }

        var body = await RequestBody.ReadAsync(context.Request, limits.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.BodyTooLarge(limits.MaxBodyBytes);
        }

        var headers = context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
        var (request, problem) = reader.Read(context.Request.ContentType, headers, body.Value);
        if (problem is not null)
        {
            return Problems.Result(problem);
        }

        using (request)
        {
            if (RequestSources.RefuseIfNoneRegistered(context, request!) is { } refused)
            {
                return refused;
            }

            if (!readiness.StorageReady)
            {
                return Problems.StorageUnavailable(context);
            }

            var outcome = await ingest.IngestAsync(feed, request!, body.Value, context.Request.ContentType!, context.Sender(), cancellationToken);
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
}
