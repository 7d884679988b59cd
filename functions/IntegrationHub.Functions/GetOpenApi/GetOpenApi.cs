using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Contracts.Api;
using IntegrationHub.Functions.Hosting;

namespace IntegrationHub.Functions.GetOpenApi;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 document, generated from the catalogue and the app's route table.</summary>
public static class GetOpenApi
{
    public const string Route = "openapi.json";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, (FeedCatalogue catalogue, EndpointDataSource endpoints, HttpContext context) =>
            Results.Text(OpenApiDocumentBuilder.Build(catalogue, ApiRouteTable.Describe(endpoints), ApiDocuments.Info(context)).ToJsonString(), "application/json"))
            .WithName(nameof(GetOpenApi));
}
