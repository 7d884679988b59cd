using IntegrationHub.Core.Ioc;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.GetIocConfig;

/// <summary>
/// <c>GET /api/ioc/config</c>: what the dashboard needs to get a token (none of it secret) and how often to refresh.
/// Mode <c>development</c>: a token from <c>/api/ioc/dev-token</c>; <c>entra</c>: MSAL sign-in; <c>none</c>: no identity configured.
/// </summary>
public static class GetIocConfig
{
    public const string Route = "ioc/config";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, (IocOptions options, IConfiguration configuration, IWebHostEnvironment environment) => Results.Json(new
        {
            refreshSeconds = options.Dashboard.RefreshSeconds,
            auth = new
            {
                mode = configuration.GetValue(DevelopmentIssuerOptions.Section + ":Enabled", false) && environment.IsDevelopment() ? "development"
                    : string.IsNullOrEmpty(options.Dashboard.ClientId) ? "none" : "entra",
                clientId = options.Dashboard.ClientId,
                authority = options.Dashboard.Authority,
                scope = options.Dashboard.Scope,
            },
        })).AllowAnonymous().WithName(nameof(GetIocConfig));
}
