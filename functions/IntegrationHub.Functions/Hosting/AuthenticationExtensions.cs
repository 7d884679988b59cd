using System.Security.Cryptography;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// Entra ID bearer tokens (Microsoft.Identity.Web, section <c>AzureAd</c>), app-role policies, the sender registry and, in
/// Development only, the offline development issuer. See docs/identity.md.
/// </summary>
public static class AuthenticationExtensions
{
    public const string AzureAdSection = "AzureAd";
    public const string SenderRegistryPathSetting = "Hub:SenderRegistryPath";

    /// <exception cref="InvalidOperationException">The configuration is unsafe or incomplete; the hub refuses to start.</exception>
    public static IHostApplicationBuilder AddHubAuthentication(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        var developmentIssuer = configuration.GetSection(DevelopmentIssuerOptions.Section).Get<DevelopmentIssuerOptions>() ?? new DevelopmentIssuerOptions();
        if (developmentIssuer.Enabled && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{DevelopmentIssuerOptions.Section}:Enabled is true in the '{environment.EnvironmentName}' environment. The development issuer signs tokens " +
                "with a key kept on a developer's machine and is trusted only in the Development environment. Remove the setting " +
                $"(or set it to false) and configure the {AzureAdSection} section for Entra ID.");
        }

        // The environment name is only a setting: an app running under the Functions host or on Azure is never a developer's machine.
        if (developmentIssuer.Enabled && HostingMarkers.Find(configuration) is { } marker)
        {
            throw new InvalidOperationException(
                $"{DevelopmentIssuerOptions.Section}:Enabled is true, but {marker} is set: the hub runs under the Azure Functions host or on Azure, " +
                "where the development issuer is never trusted, whatever the environment name says. Remove the setting " +
                $"(or set it to false) and configure the {AzureAdSection} section for Entra ID.");
        }

        var azureAd = configuration.GetSection(AzureAdSection);
        var instance = Required(azureAd, "Instance");
        var tenantId = Required(azureAd, "TenantId");
        var clientId = Required(azureAd, "ClientId");
        string[] audiences = azureAd["Audience"] is { Length: > 0 } audience && audience != clientId ? [clientId, audience] : [clientId];
        if (!Guid.TryParse(tenantId, out _))
        {
            throw new InvalidOperationException(
                $"{AzureAdSection}:TenantId is '{tenantId}'; the hub is single-tenant and needs its tenant's id (a GUID), not 'common' or 'organizations'.");
        }

        // IdentityModel reports every successful validation step at Information; failures stay visible.
        builder.Logging.AddFilter("Microsoft.IdentityModel", LogLevel.Warning);

        var registry = SenderRegistry.Load(SenderRegistryPath(configuration, environment));
        var services = builder.Services;
        services.AddSingleton(registry);
        services.RemoveAll<ISourcePolicy>();
        services.AddSingleton<ISourcePolicy, RegistrySourcePolicy>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApi(configuration, AzureAdSection);

        // Registered after Microsoft.Identity.Web's own configuration, so it runs last and can narrow it.
        var trustedDevelopmentKeys = developmentIssuer.Enabled
            ? DevelopmentIssuerKey.LoadPublicKeys(developmentIssuer.ResolveKeyFolder(environment.ContentRootPath))
                .Select(k => (SecurityKey)new RsaSecurityKey(RSA.Create(k.PublicKey)) { KeyId = k.KeyId })
                .ToArray()
            : null;
        services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            ConfigureTokenValidation(options, tenantId, audiences);
            if (trustedDevelopmentKeys is not null)
            {
                TrustDevelopmentIssuer(options, DevelopmentTokenIssuer.IssuerFor(instance, tenantId), trustedDevelopmentKeys);
            }
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(HubPolicies.Caller, p => p.AddRequirements(new HubCallerRequirement()))
            .AddPolicy(HubPolicies.PublishToFeed, p => p.RequireAuthenticatedUser().AddRequirements(new FeedPublisherRequirement()))
            .AddPolicy(HubPolicies.ReadFeed, p => p.RequireAuthenticatedUser().AddRequirements(new FeedReaderRequirement()))
            .AddPolicy(HubPolicies.SnapshotsRead, p => p.RequireAuthenticatedUser().AddRequirements(new AppRoleRequirement(HubRoles.SnapshotsRead)))
            .AddPolicy(HubPolicies.Admin, p => p.RequireAuthenticatedUser().AddRequirements(new AppRoleRequirement(HubRoles.Admin)));
        return builder;
    }

    private static void ConfigureTokenValidation(JwtBearerOptions options, string tenantId, string[] audiences)
    {
        // Keep the token's own claim names (roles, azp, tid): roles are read from the roles claim and nothing else.
        options.MapInboundClaims = false;
        var parameters = options.TokenValidationParameters;
        parameters.RoleClaimType = HubRoles.ClaimType;
        parameters.NameClaimType = "azp";
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        // Entra ID v2 tokens carry the API's client id as aud; v1 tokens its App ID URI (AzureAd:Audience). Both name this API.
        parameters.ValidAudiences = audiences;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ClockSkew = TimeSpan.FromMinutes(1);
        options.IncludeErrorDetails = false;

        options.Events ??= new JwtBearerEvents();
        var tokenValidated = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            var principal = context.Principal!;
            if (!string.Equals(principal.FindFirst("tid")?.Value, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                context.Fail(new HubTokenRejectedException("The token was issued for another tenant; the hub trusts its own tenant only."));
                return;
            }

            // Microsoft.Identity.Web refuses such tokens too; saying why here gives the department a clear 401.
            if (!principal.HasClaim(c => c.Type is HubRoles.ClaimType or "scp"))
            {
                context.Fail(new HubTokenRejectedException("The token carries no app role: the calling application has not been granted any role on the hub's API."));
                return;
            }

            await tokenValidated(context);
        };
        var challenge = options.Events.OnChallenge;
        options.Events.OnChallenge = async context =>
        {
            await challenge(context);
            if (!context.Handled)
            {
                await BearerChallenge.WriteAsync(context);
            }
        };
    }

    /// <summary>
    /// Trusts the development issuer's keys offline: a static OpenID Connect configuration means no metadata download, and an
    /// explicit issuer replaces Microsoft.Identity.Web's Entra issuer validator (which resolves the authority online).
    /// </summary>
    private static void TrustDevelopmentIssuer(JwtBearerOptions options, string issuer, IReadOnlyList<SecurityKey> keys)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = issuer };
        foreach (var key in keys)
        {
            configuration.SigningKeys.Add(key);
        }

        options.Configuration = configuration;
        options.ConfigurationManager = null;
        var parameters = options.TokenValidationParameters;
        parameters.IssuerValidator = null;
        parameters.ValidIssuer = issuer;
        parameters.ValidIssuers = null;
        parameters.IssuerSigningKeys = keys;
    }

    private static string SenderRegistryPath(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration[SenderRegistryPathSetting] is { Length: > 0 } path)
        {
            return Path.GetFullPath(path, environment.ContentRootPath);
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{SenderRegistryPathSetting} is not set. Outside Development the operator supplies the sender registry (which application may " +
                "send which sources); contracts/registry/senders.json lists development applications only.");
        }

        var hub = configuration.GetSection("Hub").Get<HubOptions>() ?? new HubOptions();
        return Path.Combine(hub.ResolveContractsPath(), "registry", "senders.json");
    }

    private static string Required(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{section.Path}:{key} is required (Function App setting {section.Path}__{key}); see docs/identity.md for the Entra ID app registration.");
}
