using System.Net;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.IssueIocDevToken;

/// <summary>
/// <c>GET /api/ioc/dev-token</c>: in Development, while the development issuer is enabled, a short-lived <c>Snapshots.Read</c>
/// token of the registry's <c>ioc-reader</c> application, so the dashboard can read the query API on a laptop. Anywhere else,
/// and to any caller but the local machine, it does not exist (404): in production the page signs in with Entra ID.
/// </summary>
public static class IssueIocDevToken
{
    public const string Route = "ioc/dev-token";
    public const string ReaderApplication = "ioc-reader";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/" + Route, (HttpContext context, IConfiguration configuration, IWebHostEnvironment environment, TimeProvider clock) =>
        {
            var issuer = configuration.GetSection(DevelopmentIssuerOptions.Section).Get<DevelopmentIssuerOptions>() ?? new DevelopmentIssuerOptions();
            var remote = context.Connection.RemoteIpAddress;
            if (!issuer.Enabled || !environment.IsDevelopment() || remote is null || !IPAddress.IsLoopback(remote))
            {
                return Results.NotFound();
            }

            var registry = context.RequestServices.GetRequiredService<SenderRegistry>();
            var reader = registry.FindByName(ReaderApplication);
            if (reader is null)
            {
                return Problems.Result(500, "no-reader-application", "No reader application",
                    $"The sender registry has no application '{ReaderApplication}' to issue the dashboard's development token to.");
            }

            var azureAd = configuration.GetSection(AuthenticationExtensions.AzureAdSection);
            var tenantId = azureAd["TenantId"]!;
            using var key = DevelopmentIssuerKey.LoadSigningKey(issuer.ResolveKeyFolder(environment.ContentRootPath));
            var token = new DevelopmentTokenIssuer(key).Issue(DevelopmentTokenIssuer.IssuerFor(azureAd["Instance"]!, tenantId), azureAd["ClientId"]!, tenantId,
                reader.ClientId, [HubRoles.SnapshotsRead], clock.GetUtcNow(), Lifetime);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)Lifetime.TotalSeconds });
        }).AllowAnonymous().WithName(nameof(IssueIocDevToken));
}
