using System.Text.Json.Nodes;

namespace IntegrationHub.IntegrationTests.Hub;

/// <summary>The contracts' valid samples, with fresh ids so every test run starts from new events.</summary>
public static class Samples
{
    public static readonly string Root = RepoPaths.Root;

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

}
