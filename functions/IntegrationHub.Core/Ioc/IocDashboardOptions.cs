namespace IntegrationHub.Core.Ioc;

/// <summary>What the dashboard page needs to sign its user in with Entra ID; none of it is secret.</summary>
public sealed class IocDashboardOptions
{
    /// <summary>The application (client) id of the dashboard's single-page-application registration.</summary>
    public string? ClientId { get; set; }

    /// <summary>The authority, e.g. <c>https://login.microsoftonline.com/&lt;tenant id&gt;</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The scope requested for the hub's API, e.g. <c>api://&lt;hub app id&gt;/.default</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>How often the page refreshes itself.</summary>
    public int RefreshSeconds { get; set; } = 15;
}
