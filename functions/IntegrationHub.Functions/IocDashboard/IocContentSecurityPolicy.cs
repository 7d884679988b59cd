using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Functions.IocDashboard;

/// <summary>
/// The dashboard's <c>Content-Security-Policy</c>: scripts, styles and API calls from the hub's own origin only (no inline
/// script or style, no CDN), images from the page or <c>data:</c>, no framing of the page, no plug-ins. With Entra sign-in the
/// authority's origin is added to <c>connect-src</c> (MSAL's token requests) and <c>frame-src</c> (its silent renewal).
/// </summary>
public static class IocContentSecurityPolicy
{
    /// <summary>The policy for the dashboard's responses under <paramref name="dashboard"/>'s sign-in settings.</summary>
    public static string For(IocDashboardOptions dashboard)
    {
        var authority = Uri.TryCreate(dashboard.Authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? " " + uri.GetLeftPart(UriPartial.Authority)
            : "";
        return string.Join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            $"connect-src 'self'{authority}",
            $"frame-src 'self'{authority}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'");
    }
}
