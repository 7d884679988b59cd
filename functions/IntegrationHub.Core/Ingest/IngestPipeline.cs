using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// Ingest of one request: validate every event, archive the body, make each valid event durable, queue it
/// for publication. One bad record never blocks the others; a 202 is only ever built from durable outcomes.
/// </summary>
public sealed class IngestPipeline(
    RecordValidator validator,
    IEventArchive archive,
    IEventLedger ledger,
    PublishQueue publishQueue,
    ISourcePolicy sourcePolicy,
    AdminUnitRegistry adminUnits,
    IngestLimits limits,
    HubMetrics metrics,
    TimeProvider clock,
    IIngestObserver? observer = null)
{
    /// <exception cref="StorageUnavailableException">Storage cannot be reached; nothing may be acknowledged.</exception>
    public async Task<IngestOutcome> IngestAsync(FeedDefinition feed, ParsedRequest request, ReadOnlyMemory<byte> body, string contentType,
        SenderIdentity sender, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow();
        var results = new EventResult?[request.Events.Count];
        var toCommit = new List<(int Index, AcceptedEvent Event)>();
        var seen = new Dictionary<string, (int Index, string ContentHash)>(StringComparer.Ordinal);
        var notices = new List<(int Index, IReadOnlyList<ValidationError> Warnings)>();

        for (var i = 0; i < request.Events.Count; i++)
        {
            var evt = request.Events[i];
            var id = evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()
                : null;
            var check = validator.Validate(feed, evt);
            if (check.Warnings.Count > 0)
            {
                notices.Add((i, check.Warnings));
            }

            var errors = new List<ValidationError>(check.Errors);
            var source = evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (source is not null && sourcePolicy.Check(sender, source) is { } refusal)
            {
                errors.Add(new ValidationError("/source", refusal));
            }

            if (errors.Count > 0 || check.Version is null)
            {
                results[i] = Reject(feed, i, id, errors);
                continue;
            }

            var accepted = Accept(feed, check, evt, sender, receivedAt);
            if (seen.TryGetValue(accepted.KeyHash, out var earlier))
            {
                results[i] = earlier.ContentHash == accepted.ContentHash
                    ? new EventResult(i, id, EventResult.Duplicate, [])
                    : Reject(feed, i, id, [new ValidationError("/id", $"conflicts with event {earlier.Index} of this batch: same source and id, different content")]);
                continue;
            }

            seen[accepted.KeyHash] = (i, accepted.ContentHash);
            toCommit.Add((i, accepted));
        }

        if (toCommit.Count > 0)
        {
            var archiveBlob = await archive.ArchiveRequestAsync(body, contentType, cancellationToken);
            using var gate = new SemaphoreSlim(limits.Concurrency);
            await Task.WhenAll(toCommit.Select(async item =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var accepted = item.Event;
                    accepted.ArchiveBlob = archiveBlob;
                    var outcome = await ledger.CommitAsync(accepted, cancellationToken);
                    results[item.Index] = outcome switch
                    {
                        CommitOutcome.Accepted => new EventResult(item.Index, accepted.Id, EventResult.Accepted, []),
                        CommitOutcome.Duplicate => new EventResult(item.Index, accepted.Id, EventResult.Duplicate, []),
                        _ => Reject(feed, item.Index, accepted.Id,
                            [new ValidationError("/id", "an event with this source and id was already accepted with different content; use a new id for a new record")]),
                    };
                    if (outcome == CommitOutcome.Accepted)
                    {
                        publishQueue.TryEnqueue(accepted);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        // Contract notices (a deprecated major) travel with the event's result, whatever its outcome.
        foreach (var (index, warnings) in notices)
        {
            results[index] = results[index]! with { Warnings = warnings };
        }

        foreach (var result in results)
        {
            if (result!.Status != EventResult.Rejected)
            {
                metrics.Event(feed.Id, result.Status);
            }
        }

        await (observer?.ObserveAsync(feed.Id, receivedAt, results!, cancellationToken) ?? Task.CompletedTask);
        return new IngestOutcome(results!);
    }

    private EventResult Reject(FeedDefinition feed, int index, string? id, IReadOnlyList<ValidationError> errors)
    {
        metrics.Event(feed.Id, EventResult.Rejected);
        return new EventResult(index, id, EventResult.Rejected, errors);
    }

    private AcceptedEvent Accept(FeedDefinition feed, RecordCheck check, JsonElement evt, SenderIdentity sender, DateTimeOffset receivedAt)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(evt);
        var source = evt.GetProperty("source").GetString()!;
        var id = evt.GetProperty("id").GetString()!;
        Rfc3339.TryParseDateTime(evt.GetProperty("time").GetString()!, out var time);
        var data = evt.GetProperty("data");
        var commune = data.TryGetProperty(feed.CommuneField, out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "_";
        var adminCodes = evt.TryGetProperty("admincodes", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : adminUnits.CurrentVersion;
        return new AcceptedEvent
        {
            FeedId = feed.Id,
            Major = check.Version!.Major,
            Topic = check.Version.Topic,
            Subject = check.Subject!,
            Commune = commune,
            Source = source,
            Id = id,
            Type = evt.GetProperty("type").GetString()!,
            KeyHash = EventKeys.KeyHash(source, id),
            ContentHash = EventKeys.Sha256Hex(json),
            Time = time,
            ReceivedAt = receivedAt,
            AdminCodes = adminCodes,
            EventJson = json,
            Sender = sender,
        };
    }
}
