using System.Text.Json;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// What a development token must match, read from the hub's own appsettings(.Development).json so there is one source of
/// truth: the issuer (<c>AzureAd:Instance</c> + <c>AzureAd:TenantId</c>), the audience (<c>AzureAd:ClientId</c>: Entra ID v2
/// tokens name the API by its client id) and the key folder (<c>Hub:DevelopmentIssuer:KeyPath</c>, relative to the repository root).
/// </summary>
internal sealed record HubDevelopmentSettings(string Issuer, string TenantId, string Audience, string KeyFolder)
{
    public static HubDevelopmentSettings Load(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "functions", "IntegrationHub.Functions");
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var development = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "appsettings.Development.json")), options);
        using var defaults = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "appsettings.json")), options);

        string? Setting(params string[] path) => Find(development.RootElement, path) ?? Find(defaults.RootElement, path);
        string Required(params string[] path) => Setting(path) is { Length: > 0 } value
            ? value
            : throw new InvalidDataException($"functions/IntegrationHub.Functions/appsettings.Development.json has no {string.Join(':', path)}.");

        var tenant = Required("AzureAd", "TenantId");
        var audience = Required("AzureAd", "ClientId");
        var keyPath = Setting("Hub", "DevelopmentIssuer", "KeyPath") is { Length: > 0 } path ? path : ".dev/issuer";
        return new HubDevelopmentSettings(DevelopmentTokenIssuer.IssuerFor(Required("AzureAd", "Instance"), tenant), tenant, audience,
            Path.GetFullPath(keyPath, repositoryRoot));
    }

    private static string? Find(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
