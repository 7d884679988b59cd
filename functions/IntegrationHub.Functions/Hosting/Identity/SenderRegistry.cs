using System.Text.Json;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// Which application may send which CloudEvents <c>source</c> values (<c>contracts/registry/senders.json</c> in development;
/// the operator's own file, <c>Hub:SenderRegistryPath</c>, in production). This file is compiled into both the hub and hubdev.
/// </summary>
public sealed class SenderRegistry
{
    private readonly Dictionary<string, SenderApplication> _byClientId;

    private SenderRegistry(IReadOnlyList<SenderApplication> applications)
    {
        Applications = applications;
        _byClientId = applications.ToDictionary(a => a.ClientId, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<SenderApplication> Applications { get; }

    public SenderApplication? FindByClientId(string clientId) => _byClientId.GetValueOrDefault(clientId);

    public SenderApplication? FindByName(string name) => Applications.FirstOrDefault(a => a.Name == name);

    /// <exception cref="InvalidDataException">The file is missing or malformed; the hub does not start with a registry it cannot trust.</exception>
    public static SenderRegistry Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Sender registry '{path}' does not exist.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return Parse(document.RootElement, path);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"Sender registry '{path}' is malformed: {e.Message}", e);
        }
    }

    private static SenderRegistry Parse(JsonElement root, string path)
    {
        var applications = new List<SenderApplication>();
        foreach (var entry in root.GetProperty("applications").EnumerateArray())
        {
            var name = Text(entry, "name", path);
            var clientId = Text(entry, "clientId", path);
            if (!Guid.TryParse(clientId, out _))
            {
                throw new InvalidDataException($"{path}: application '{name}' has clientId '{clientId}', which is not a GUID (the Entra ID application id).");
            }

            var sources = entry.GetProperty("sources").EnumerateArray().Select(s => s.GetString() ?? "").ToArray();
            if (sources.Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidDataException($"{path}: application '{name}' has an empty source.");
            }

            applications.Add(new SenderApplication(name, clientId, Text(entry, "department", path), sources));
        }

        if (applications.GroupBy(a => a.ClientId, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } sameId)
        {
            throw new InvalidDataException($"{path}: clientId {sameId.Key} is registered more than once.");
        }

        if (applications.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } sameName)
        {
            throw new InvalidDataException($"{path}: application name '{sameName.Key}' is used more than once.");
        }

        // A source names one sending system: held by two applications, either could write as the other.
        if (applications.SelectMany(a => a.Sources.Select(s => (Source: s, Application: a.Name))).GroupBy(x => x.Source, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1) is { } sameSource)
        {
            throw new InvalidDataException(
                $"{path}: source '{sameSource.Key}' is registered for more than one application ({string.Join(", ", sameSource.Select(x => x.Application))}); each source belongs to one application.");
        }

        return new SenderRegistry(applications);
    }

    private static string Text(JsonElement entry, string property, string path) =>
        entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{path}: every application needs a non-empty '{property}'.");
}
