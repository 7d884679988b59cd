namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// The development issuer (section <c>Hub:DevelopmentIssuer</c>): when enabled, and only in the Development environment, the
/// hub trusts tokens signed with the key in <see cref="KeyPath"/> instead of fetching Entra ID's signing keys.
/// </summary>
public sealed class DevelopmentIssuerOptions
{
    public const string Section = "Hub:DevelopmentIssuer";

    public bool Enabled { get; set; }

    /// <summary>The key folder; a relative path is taken from the repository root (the folder holding IntegrationHub.sln).</summary>
    public string KeyPath { get; set; } = ".dev/issuer";

    /// <summary>
    /// The absolute key folder. A relative path is resolved against the repository root found above the content root or the
    /// executable (the hub runs from either depending on how it is started), so the hub and <c>dev/token</c> share one key.
    /// </summary>
    public string ResolveKeyFolder(string contentRoot)
    {
        if (Path.IsPathRooted(KeyPath))
        {
            return KeyPath;
        }

        var root = RepositoryRoot(contentRoot) ?? RepositoryRoot(AppContext.BaseDirectory) ?? contentRoot;
        return Path.GetFullPath(Path.Combine(root, KeyPath));
    }

    private static string? RepositoryRoot(string start)
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
}
