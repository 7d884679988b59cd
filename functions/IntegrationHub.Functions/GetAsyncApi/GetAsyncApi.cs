using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Contracts.Api;
using IntegrationHub.Functions.Hosting;

namespace IntegrationHub.Functions.GetAsyncApi;

/// <summary><c>GET /api/asyncapi.json</c>: the AsyncAPI 3.0 document of the topics and subscriptions, generated from the catalogue.</summary>
public static class GetAsyncApi
{
    public const string Route = "asyncapi.json";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, (FeedCatalogue catalogue, HttpContext context) =>
            Results.Text(AsyncApiDocumentBuilder.Build(catalogue, ApiDocuments.Info(context)).ToJsonString(), "application/json"))
            .WithName(nameof(GetAsyncApi));
}
