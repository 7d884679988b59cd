namespace IntegrationHub.Core.OpenData;

/// <summary>
/// Where the open-data export goes (<c>Hub:OpenData</c>): a container that holds nothing else and that anyone may read.
/// In Azure, a storage account of its own (<see cref="BlobServiceUri"/>, written with the hub's managed identity); locally,
/// a dedicated container of the hub's own Azurite account, created with anonymous read access.
/// </summary>
public sealed class OpenDataOptions
{
    public const string Section = "Hub:OpenData";

    /// <summary>The container's name (lowercase letters, digits and '-', 3–63 characters).</summary>
    public string Container { get; set; } = "opendata";

    /// <summary>The open-data account's blob endpoint (Azure); unset, the hub's own storage (local development).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The public URL the files are downloaded from (a CDN or custom domain); unset, the container's own URL.</summary>
    public Uri? PublicBaseUri { get; set; }

    public bool IsValid(out string problem)
    {
        problem = "";
        if (!System.Text.RegularExpressions.Regex.IsMatch(Container, "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$"))
        {
            problem = $"{Section}:Container '{Container}' is not a blob container name (3-63 lowercase letters, digits and single '-').";
        }
        else if (PublicBaseUri is { IsAbsoluteUri: false } || BlobServiceUri is { IsAbsoluteUri: false })
        {
            problem = $"{Section}:BlobServiceUri and PublicBaseUri must be absolute URLs.";
        }

        return problem.Length == 0;
    }
}
