using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Contracts.Api;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.GetAsyncApi;

/// <summary><c>GET /api/asyncapi.json</c>: the AsyncAPI 3.0 document of the topics and subscriptions, generated from the catalogue.</summary>
[HubPolicy(HubPolicies.Caller)]
public sealed class GetAsyncApi(HubRequestPipeline pipeline, FeedCatalogue catalogue)
{
    public const string Route = "api/asyncapi.json";

    [Function(nameof(GetAsyncApi))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<GetAsyncApi>(request, context => Task.FromResult(Results.Text(
            AsyncApiDocumentBuilder.Build(catalogue, ApiDocuments.Info(context)).ToJsonString(), "application/json")));
}
