using System.Text.Json.Nodes;

namespace IntegrationHub.IntegrationTests.Hub;

/// <summary>The contracts' valid samples, with fresh ids so every test run starts from new events.</summary>
public static class Samples
{
    public static readonly string Root = FindRoot();

    public static IReadOnlyList<JsonObject> Valid(string feedId) =>
        Directory.GetFiles(Path.Combine(Root, "contracts", feedId, "samples", "valid"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())
            .Select(Fresh)
            .ToList();

    public static JsonObject Fresh(JsonObject evt)
    {
        evt["id"] = Guid.NewGuid().ToString();
        return evt;
    }

    public static string Batch(IEnumerable<JsonObject> events) => new JsonArray(events.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IntegrationHub.sln not found above the test binaries.");
    }
}
