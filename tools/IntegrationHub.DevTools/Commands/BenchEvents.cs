using System.Text.Json.Nodes;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// Realistic valid events for the four feeds, made from the contracts' samples with the entity key varied per event,
/// so a run spreads over many entities as a province's traffic does.
/// </summary>
internal static class BenchEvents
{
    public static readonly string[] Feeds = ["edu.school-status", "health.facility-interop", "land.parcel-record", "pubsvc.dossier-status"];

    private static readonly Dictionary<string, JsonObject> Templates = Feeds.ToDictionary(f => f, f =>
        JsonNode.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(RepoLocator.Contracts, f, "samples", "valid"), "*.json")
            .Order(StringComparer.Ordinal).First()))!.AsObject());

    /// <summary>Event number <paramref name="n"/> of <paramref name="feedId"/>: a fresh id and its own entity.</summary>
    public static JsonObject Create(string feedId, long n, string run)
    {
        var evt = Templates[feedId].DeepClone().AsObject();
        evt["id"] = $"{run}-{n}";
        var data = evt["data"]!.AsObject();
        switch (feedId)
        {
            case "edu.school-status":
                data["schoolCode"] = $"BX{n % 100_000:D6}";
                break;
            case "health.facility-interop":
                data["facilityCode"] = $"{10_000 + (n % 90_000):D5}";
                break;
            case "land.parcel-record":
                data["mapSheetNo"] = 1 + (n % 9_999);
                data["parcelNo"] = 1 + (n / 9_999 % 99_999);
                break;
            default:
                data["dossierCode"] = $"BENCH-{n:D10}";
                break;
        }

        return evt;
    }
}
