using System.Net;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// What the dashboard asks the hub before it reads the API: how to get a token (<c>/ioc/config.json</c>, nothing secret) and,
/// in Development only, a token (<c>/ioc/dev-token</c>).
/// </summary>
public static class IocDashboardSettings
{
    /// <summary>The registry's development application that reads for the IOC.</summary>
    public const string ReaderApplication = "ioc-reader";

    public static readonly TimeSpan DevTokenLifetime = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Mode <c>development</c>: a token from <c>/ioc/dev-token</c>; <c>entra</c>: MSAL sign-in with <c>Hub:Ioc:Dashboard</c>;
    /// <c>none</c>: no identity configured for the page.
    /// </summary>
    public static IResult Config(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IocOptions>();
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Json(new
        {
            refreshSeconds = options.Dashboard.RefreshSeconds,
            auth = new
            {
                mode = DevelopmentIssuerEnabled(context) ? "development" : string.IsNullOrEmpty(options.Dashboard.ClientId) ? "none" : "entra",
                clientId = options.Dashboard.ClientId,
                authority = options.Dashboard.Authority,
                scope = options.Dashboard.Scope,
            },
        });
    }

    /// <summary>The development token exists only while the development issuer is enabled, and only for the local machine.</summary>
    public static bool DevTokenAvailable(HttpContext context) =>
        DevelopmentIssuerEnabled(context) && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);

    /// <summary>A short-lived <c>Snapshots.Read</c> token of the <c>ioc-reader</c> application, signed by the development issuer.</summary>
    public static IResult DevToken(HttpContext context)
    {
        var services = context.RequestServices;
        var configuration = services.GetRequiredService<IConfiguration>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        var reader = services.GetRequiredService<SenderRegistry>().FindByName(ReaderApplication);
        if (reader is null)
        {
            return Problems.Result(500, "no-reader-application", "No reader application",
                $"The sender registry has no application '{ReaderApplication}' to issue the dashboard's development token to.");
        }

        var issuer = configuration.GetSection(DevelopmentIssuerOptions.Section).Get<DevelopmentIssuerOptions>()!;
        var azureAd = configuration.GetSection(AuthenticationExtensions.AzureAdSection);
        var tenantId = azureAd["TenantId"]!;
        using var key = DevelopmentIssuerKey.LoadSigningKey(issuer.ResolveKeyFolder(environment.ContentRootPath));
        var token = new DevelopmentTokenIssuer(key).Issue(DevelopmentTokenIssuer.IssuerFor(azureAd["Instance"]!, tenantId), azureAd["ClientId"]!, tenantId,
            reader.ClientId, [HubRoles.SnapshotsRead], services.GetRequiredService<TimeProvider>().GetUtcNow(), DevTokenLifetime);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)DevTokenLifetime.TotalSeconds });
    }

    private static bool DevelopmentIssuerEnabled(HttpContext context) =>
        context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment()
        && context.RequestServices.GetRequiredService<IConfiguration>().GetValue(DevelopmentIssuerOptions.Section + ":Enabled", false);
}
