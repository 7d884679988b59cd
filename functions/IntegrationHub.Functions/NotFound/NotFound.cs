using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.NotFound;

/// <summary>
/// Any other path under <c>/api</c>: a token is required before the 404, so an anonymous caller cannot map the API by probing,
/// and a snapshot path still needs <c>Snapshots.Read</c> (<see cref="HubCallerRequirement"/>). Routing prefers every other
/// function's route to this catch-all.
/// </summary>
[HubPolicy(HubPolicies.Caller)]
public sealed class NotFound(HubRequestPipeline pipeline)
{
    public const string Route = "api/{*path}";

    [Function(nameof(NotFound))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<NotFound>(request, context => Task.FromResult(
            Problems.Result(404, "not-found", "Not found", $"The hub has no {context.Request.Method} {context.Request.Path}. GET /api/feeds lists the feeds.")));
}
