using System.Globalization;
using System.Text.Json;
using System.Xml;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/token --role &lt;role&gt; [--role …] [--app &lt;name|clientId&gt;] [--lifetime 1h]</c>: a development access token
/// for the hub, printed alone on stdout. It is shaped like an Entra ID v2 app-only token and signed with the development
/// issuer's key (created on first use), with the tenant, audience and key folder of the hub's appsettings.Development.json,
/// so the hub started in Development accepts it.
/// </summary>
internal static class TokenCommand
{
    /// <summary>The registry's development application that receives roles other than publishing ones.</summary>
    public const string ReaderApplication = "ioc-reader";

    /// <summary>The registry's development application that receives <c>Hub.Admin</c>.</summary>
    public const string AdminApplication = "hub-admin";

    public static int Run(IReadOnlyList<string> roles, string? app, TimeSpan lifetime, TextWriter output, TextWriter errors)
    {
        if (roles.Count == 0)
        {
            return Fail(errors, "at least one --role is required.");
        }

        try
        {
            output.WriteLine(Issue(roles, app, lifetime));
            return 0;
        }
        catch (Exception e) when (e is TokenRequestException or InvalidDataException or IOException or JsonException or KeyNotFoundException)
        {
            return Fail(errors, e.Message);
        }
    }

    /// <summary>A token holding <paramref name="roles"/>, for <paramref name="app"/> or the application the roles point to.</summary>
    /// <exception cref="TokenRequestException">An unknown role or application, or roles that belong to different applications.</exception>
    public static string Issue(IReadOnlyList<string> roles, string? app, TimeSpan lifetime)
    {
        var settings = HubDevelopmentSettings.Load(RepoLocator.Root);
        var registry = SenderRegistry.Load(Path.Combine(RepoLocator.Contracts, "registry", "senders.json"));
        var feeds = LoadFeedSources(RepoLocator.Contracts, out var restricted);
        if (roles.FirstOrDefault(r => !IsKnownRole(r, feeds, restricted)) is { } unknown)
        {
            var known = feeds.Keys.Order(StringComparer.Ordinal).Select(HubRoles.Publish).Append(HubRoles.SnapshotsRead)
                .Concat(restricted.Order(StringComparer.Ordinal).Select(HubRoles.ReadFeed)).Append(HubRoles.Admin);
            throw new TokenRequestException($"unknown role '{unknown}'. Roles: {string.Join(", ", known)}.");
        }

        var application = app is null
            ? DefaultApplication(roles, registry, feeds)
            : registry.FindByName(app) ?? registry.FindByClientId(app)
                ?? throw new TokenRequestException($"no application '{app}' in contracts/registry/senders.json. Applications: {string.Join(", ", registry.Applications.Select(a => a.Name))}.");

        using var key = DevelopmentIssuerKey.LoadSigningKey(settings.KeyFolder);
        return new DevelopmentTokenIssuer(key).Issue(settings.Issuer, settings.Audience, settings.TenantId, application.ClientId, roles,
            DateTimeOffset.UtcNow, lifetime);
    }

    /// <summary>A publisher's token goes to the feed owner's application, an admin's to the admin application, others to the reader.</summary>
    private static SenderApplication DefaultApplication(IReadOnlyList<string> roles, SenderRegistry registry, IReadOnlyDictionary<string, IReadOnlyList<string>> feeds)
    {
        var owners = new List<SenderApplication>();
        foreach (var role in roles.Where(r => r.StartsWith(HubRoles.PublishPrefix, StringComparison.Ordinal)))
        {
            var feedId = role[HubRoles.PublishPrefix.Length..];
            var candidates = registry.Applications.Where(a => feeds[feedId].All(a.MayUse)).ToArray();
            if (candidates.Length != 1)
            {
                throw new TokenRequestException(candidates.Length == 0
                    ? $"no application in contracts/registry/senders.json has the sources of feed {feedId}; pass --app."
                    : $"several applications have the sources of feed {feedId} ({string.Join(", ", candidates.Select(c => c.Name))}); pass --app.");
            }

            if (!owners.Contains(candidates[0]))
            {
                owners.Add(candidates[0]);
            }
        }

        if (owners.Count > 1)
        {
            throw new TokenRequestException($"the roles belong to different applications ({string.Join(", ", owners.Select(o => o.Name))}); pass --app.");
        }

        var name = owners.Count == 1 ? owners[0].Name : roles.Contains(HubRoles.Admin) ? AdminApplication : ReaderApplication;
        return registry.FindByName(name) ?? throw new TokenRequestException($"contracts/registry/senders.json has no application '{name}'; pass --app.");
    }

    /// <summary>The publish role of a feed, the read roles (<c>Snapshots.Read</c>, and <c>Snapshots.Read.&lt;feedId&gt;</c> of a restricted feed) or <c>Hub.Admin</c>.</summary>
    private static bool IsKnownRole(string role, IReadOnlyDictionary<string, IReadOnlyList<string>> feeds, IReadOnlySet<string> restricted) =>
        role is HubRoles.SnapshotsRead or HubRoles.Admin
        || (role.StartsWith(HubRoles.PublishPrefix, StringComparison.Ordinal) && feeds.ContainsKey(role[HubRoles.PublishPrefix.Length..]))
        || (role.StartsWith(HubRoles.FeedReadPrefix, StringComparison.Ordinal) && restricted.Contains(role[HubRoles.FeedReadPrefix.Length..]));

    /// <summary>
    /// Each feed's id and catalogue <c>sources</c>, and the ids of the restricted feeds, read straight from the feed.json files
    /// (the schemas are not needed here).
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> LoadFeedSources(string contracts, out HashSet<string> restricted)
    {
        var feeds = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        restricted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Directory.GetDirectories(contracts).Select(d => Path.Combine(d, "feed.json")).Where(File.Exists))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(entry));
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString()!;
            feeds[id] = root.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToArray();
            if (root.TryGetProperty("classification", out var classification) && classification.GetString() == "restricted")
            {
                restricted.Add(id);
            }
        }

        return feeds;
    }

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine("dev/token: " + message);
        return 2;
    }
}
