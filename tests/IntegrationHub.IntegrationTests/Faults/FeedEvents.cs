using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Hub;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>
/// Valid events of the four feeds, made from the contracts' valid samples with a fresh id, an entity of their own and
/// the current time, so that many of them can be sent without two touching the same entity.
/// </summary>
public static class FeedEvents
{
    public const string Edu = "edu.school-status";
    public const string Health = "health.facility-interop";
    public const string Land = "land.parcel-record";
    public const string PublicService = "pubsvc.dossier-status";

    public static IReadOnlyList<string> Feeds { get; } = [Edu, Health, Land, PublicService];

    private static readonly Dictionary<string, IReadOnlyList<JsonObject>> Templates = Feeds.ToDictionary(f => f, f => (IReadOnlyList<JsonObject>)Samples.Valid(f).Where(e => (string?)e["type"] == f + ".v1").ToList());

    /// <summary>The feed's topic (major version 1).</summary>
    public static string Topic(string feedId) => $"lgsp.{feedId}.v1";

    /// <summary>The subscriptions of the feed's topic: ioc everywhere, ndxp for the feeds published nationally.</summary>
    public static IReadOnlyList<string> Subscriptions(string feedId) => feedId is Land or PublicService ? ["ioc", "ndxp"] : ["ioc"];

    public static JsonObject New(string feedId, Random random)
    {
        var templates = Templates[feedId];
        var evt = templates[random.Next(templates.Count)].DeepClone().AsObject();
        evt["id"] = Guid.NewGuid().ToString();
        evt["time"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var data = evt["data"]!.AsObject();
        switch (feedId)
        {
            case Edu:
                data["schoolCode"] = "FT" + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
                break;
            case Health:
                data["facilityCode"] = random.Next(0, 100_000).ToString("D5", CultureInfo.InvariantCulture);
                break;
            case Land:
                data["mapSheetNo"] = random.Next(1, 10_000);
                data["parcelNo"] = random.Next(1, 100_000);
                break;
            default:
                data["dossierCode"] = "FT-" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
                break;
        }

        return evt;
    }

    /// <summary>The event's entity key, as the hub derives it (the feed's key fields joined with '-').</summary>
    public static string Subject(string feedId, JsonObject evt)
    {
        var data = evt["data"]!;
        return feedId switch
        {
            Edu => (string)data["schoolCode"]!,
            Health => (string)data["facilityCode"]!,
            Land => $"{(string)data["communeCode"]!}-{(int)data["mapSheetNo"]!}-{(int)data["parcelNo"]!}",
            _ => (string)data["dossierCode"]!,
        };
    }

    /// <summary>The message id and idempotency key: lowercase hex SHA-256 of source LF id.</summary>
    public static string KeyHash(JsonObject evt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((string)evt["source"]! + "\n" + (string)evt["id"]!)));

    /// <summary>The partition and row key of the event's history row.</summary>
    public static (string Partition, string RowKey) HistoryRow(string feedId, JsonObject evt) =>
        (TableKeys.EntityPartition(feedId, Subject(feedId, evt)),
         TableKeys.HistoryRowKey(Subject(feedId, evt), DateTimeOffset.Parse((string)evt["time"]!, CultureInfo.InvariantCulture), KeyHash(evt)));
}
