using System.Globalization;
using System.Text.Json;
using System.Xml;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.DevTools;

/// <summary>
/// <c>hubdev token</c>: a development access token for the hub, printed alone on stdout. It is shaped like an Entra ID v2
/// app-only token and signed with the development issuer's key (created on first use), with the tenant, audience and key
/// folder of the hub's appsettings.Development.json, so the hub started in Development accepts it.
/// </summary>
public static class TokenCommand
{
    /// <summary>The registry's development application that receives roles other than publishing ones.</summary>
    public const string ReaderApplication = "ioc-reader";

    /// <summary>The registry's development application that receives <c>Hub.Admin</c>.</summary>
    public const string AdminApplication = "hub-admin";

    private const string Usage = """
        usage: hubdev token --role <role> [--role <role>...] [--app <name|clientId>] [--lifetime <duration>]

          --role       an app role: Feeds.Publish.<feed-id>, Snapshots.Read or Hub.Admin (repeatable)
          --app        the sending application, by name or client id, from contracts/registry/senders.json.
                       Default: the owner of the feed of a Feeds.Publish role; hub-admin for Hub.Admin;
                       otherwise ioc-reader.
          --lifetime   how long the token is valid: 1h (default), 30m, 90s, 2d, PT1H or 01:00:00
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var roles = new List<string>();
        string? app = null;
        var lifetime = TimeSpan.FromHours(1);
        string? root = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is not null:
                    roles.Add(value);
                    i++;
                    break;
                case "--app" when value is not null:
                    app = value;
                    i++;
                    break;
                case "--lifetime" when value is not null:
                    if (ParseDuration(value) is not { } parsed || parsed <= TimeSpan.Zero)
                    {
                        return Fail(errors, $"--lifetime '{value}' is not a positive duration (e.g. 1h, 30m, PT2H).");
                    }

                    lifetime = parsed;
                    i++;
                    break;
                case "--root" when value is not null:
                    root = value;
                    i++;
                    break;
                case "-h" or "--help":
                    errors.WriteLine(Usage);
                    return 0;
                default:
                    return Fail(errors, $"unexpected argument '{args[i]}'.\n{Usage}");
            }
        }

        if (roles.Count == 0)
        {
            return Fail(errors, $"at least one --role is required.\n{Usage}");
        }

        root ??= FindRepositoryRoot(Directory.GetCurrentDirectory());
        if (root is null)
        {
            return Fail(errors, "run inside the repository (no IntegrationHub.sln above the current folder), or pass --root.");
        }

        try
        {
            var settings = HubDevelopmentSettings.Load(root);
            var registry = SenderRegistry.Load(Path.Combine(root, "contracts", "registry", "senders.json"));
            var feeds = LoadFeedSources(Path.Combine(root, "contracts"));
            if (roles.FirstOrDefault(r => !IsKnownRole(r, feeds)) is { } unknown)
            {
                return Fail(errors, $"unknown role '{unknown}'. Roles: {string.Join(", ", feeds.Keys.Order(StringComparer.Ordinal).Select(f => "Feeds.Publish." + f).Append("Snapshots.Read").Append("Hub.Admin"))}.");
            }

            var (application, problem) = app is null ? DefaultApplication(roles, registry, feeds) : (FindApplication(registry, app), null);
            if (application is null)
            {
                return Fail(errors, problem ?? $"no application '{app}' in contracts/registry/senders.json. Applications: {string.Join(", ", registry.Applications.Select(a => a.Name))}.");
            }

            using var key = DevelopmentIssuerKey.LoadSigningKey(settings.KeyFolder);
            var token = new DevelopmentTokenIssuer(key).Issue(settings.Issuer, settings.Audience, settings.TenantId, application.ClientId, roles,
                DateTimeOffset.UtcNow, lifetime);
            output.WriteLine(token);
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or JsonException or KeyNotFoundException)
        {
            return Fail(errors, e.Message);
        }
    }

    /// <summary>A publisher's token goes to the feed owner's application, an admin's to the admin application, others to the reader.</summary>
    private static (SenderApplication? Application, string? Problem) DefaultApplication(IReadOnlyList<string> roles, SenderRegistry registry,
        IReadOnlyDictionary<string, IReadOnlyList<string>> feeds)
    {
        var owners = new List<SenderApplication>();
        foreach (var role in roles.Where(r => r.StartsWith(HubRoles.PublishPrefix, StringComparison.Ordinal)))
        {
            var feedId = role[HubRoles.PublishPrefix.Length..];
            var candidates = registry.Applications.Where(a => feeds[feedId].All(a.MayUse)).ToArray();
            if (candidates.Length != 1)
            {
                return (null, candidates.Length == 0
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
            return (null, $"the roles belong to different applications ({string.Join(", ", owners.Select(o => o.Name))}); pass --app.");
        }

        var name = owners.Count == 1 ? owners[0].Name : roles.Contains(HubRoles.Admin) ? AdminApplication : ReaderApplication;
        var application = registry.FindByName(name);
        return application is null ? (null, $"contracts/registry/senders.json has no application '{name}'; pass --app.") : (application, null);
    }

    private static SenderApplication? FindApplication(SenderRegistry registry, string nameOrClientId) =>
        registry.FindByName(nameOrClientId) ?? registry.FindByClientId(nameOrClientId);

    private static bool IsKnownRole(string role, IReadOnlyDictionary<string, IReadOnlyList<string>> feeds) =>
        role is HubRoles.SnapshotsRead or HubRoles.Admin
        || (role.StartsWith(HubRoles.PublishPrefix, StringComparison.Ordinal) && feeds.ContainsKey(role[HubRoles.PublishPrefix.Length..]));

    /// <summary>Each feed's id and catalogue <c>sources</c>, read straight from its feed.json (the schemas are not needed here).</summary>
    private static Dictionary<string, IReadOnlyList<string>> LoadFeedSources(string contracts)
    {
        var feeds = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in Directory.GetDirectories(contracts).Select(d => Path.Combine(d, "feed.json")).Where(File.Exists))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(entry));
            var root = document.RootElement;
            feeds[root.GetProperty("id").GetString()!] = root.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToArray();
        }

        return feeds;
    }

    private static TimeSpan? ParseDuration(string text)
    {
        if (text.Length >= 2 && char.IsAsciiDigit(text[0]) && "smhd".Contains(text[^1], StringComparison.Ordinal)
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        if (text.StartsWith('P'))
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IntegrationHub.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine("hubdev token: " + message);
        return 2;
    }
}
