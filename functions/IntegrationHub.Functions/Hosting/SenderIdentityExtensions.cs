using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Functions.Hosting;

/// <summary>Who sent a request, from its validated token (the <c>azp</c>/<c>appid</c> and <c>tid</c> claims).</summary>
public static class SenderIdentityExtensions
{
    public static SenderIdentity Sender(this HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return SenderIdentity.Anonymous;
        }

        var appId = user.FindFirst("azp")?.Value ?? user.FindFirst("appid")?.Value ?? "unknown";
        var tenant = user.FindFirst("tid")?.Value ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/tenantid")?.Value ?? "unknown";
        return new SenderIdentity(appId, tenant);
    }
}
