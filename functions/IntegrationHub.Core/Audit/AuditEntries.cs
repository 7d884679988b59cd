using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Audit;

/// <summary>The audit entries the hub writes, one factory per kind, so every record of a kind has the same members.</summary>
public static class AuditEntries
{
    /// <summary>An accepted request: the events the hub now holds (accepted or already held), and the archived body's SHA-256.</summary>
    public static AuditEntry Ingest(string feedId, SenderIdentity sender, DateTimeOffset receivedAt, string archiveBlob, string contentType,
        IReadOnlyList<JsonElement> events, IReadOnlyList<EventResult> results)
    {
        var held = new JsonArray();
        foreach (var result in results)
        {
            if (result.Status == EventResult.Rejected)
            {
                continue;
            }

            var evt = events[result.Index];
            held.Add(new JsonObject
            {
                ["source"] = evt.GetProperty("source").GetString(),
                ["id"] = result.Id,
                ["outcome"] = result.Status,
            });
        }

        return new AuditEntry(AuditEntry.Ingest, sender.AppId, sender.TenantId, feedId, receivedAt, new JsonObject
        {
            // The archive is content-addressed: the blob's name is its SHA-256, kept under both names for the reader.
            ["archiveBlob"] = archiveBlob,
            ["archiveSha256"] = archiveBlob,
            ["contentType"] = contentType,
            ["events"] = held,
            ["rejected"] = results.Count - held.Count,
        });
    }

    /// <summary>A read of a snapshot, a page of snapshots or a page of history: who, what, and how many rows it returned.</summary>
    public static AuditEntry Read(string kind, SenderIdentity caller, string? feedId, DateTimeOffset time, int rows, JsonObject scope) =>
        new(kind, caller.AppId, caller.TenantId, feedId, time, new JsonObject { ["rows"] = rows, ["scope"] = scope });

    /// <summary>An operator's dead-letter listing or replay, with the message ids involved.</summary>
    public static AuditEntry Admin(string kind, SenderIdentity caller, DateTimeOffset time, string topic, string subscription,
        IEnumerable<string> messageIds, JsonObject? outcome = null)
    {
        var details = new JsonObject
        {
            ["topic"] = topic,
            ["subscription"] = subscription,
            ["messageIds"] = new JsonArray(messageIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()),
        };
        if (outcome is not null)
        {
            details["outcome"] = outcome;
        }

        return new AuditEntry(kind, caller.AppId, caller.TenantId, null, time, details);
    }

    /// <summary>A purge of a feed's expired data, recorded before anything is deleted.</summary>
    public static AuditEntry Purge(string? feedId, DateTimeOffset time, DateTimeOffset historyCutoff, int historyRows, int asOfRows,
        DateTimeOffset archiveCutoff, IReadOnlyList<string> archiveBlobs) =>
        new(AuditEntry.RetentionPurge, AuditEntry.HubActor, "hub", feedId, time, new JsonObject
        {
            ["historyReceivedBefore"] = historyCutoff.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["historyRows"] = historyRows,
            ["asOfRows"] = asOfRows,
            ["archiveCreatedBefore"] = archiveCutoff.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["archiveBlobs"] = new JsonArray(archiveBlobs.Select(b => (JsonNode?)JsonValue.Create(b)).ToArray()),
        });
}
