using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Contracts.Api;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetOpenApi;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 document, generated from the catalogue and the app's functions.</summary>
[HubPolicy(HubPolicies.Caller)]
public sealed class GetOpenApi(HubRequestPipeline pipeline, FeedCatalogue catalogue)
{
    public const string Route = "api/openapi.json";

    [Function(nameof(GetOpenApi))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<GetOpenApi>(request, context => Task.FromResult(Results.Text(
            OpenApiDocumentBuilder.Build(catalogue, ApiRouteTable.Routes, ApiDocuments.Info(context)).ToJsonString(), "application/json")));
}
