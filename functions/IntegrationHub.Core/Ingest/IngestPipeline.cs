using System.Runtime.InteropServices;
using System.Text.Json;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// Ingest of one request: validate every event, archive the body, make the valid events durable together (a few
/// transactions per partition touched, not several calls per event), queue them for publication. One bad record never
/// blocks the others; a 202 is only ever built from durable outcomes.
/// </summary>
public sealed class IngestPipeline(
    RecordValidator validator,
    IEventArchive archive,
    IEventLedger ledger,
    PublishQueue publishQueue,
    ISourcePolicy sourcePolicy,
    AdminUnitRegistry adminUnits,
    HubMetrics metrics,
    TimeProvider clock,
    IEnumerable<IIngestObserver>? observers = null,
    AuditTrail? audit = null)
{
    /// <exception cref="StorageUnavailableException">Storage cannot be reached; nothing may be acknowledged.</exception>
    /// <exception cref="AuditUnavailableException">
    /// The events are durable but the request's audit record is not; the caller must not answer 202 (a retry of the same
    /// request finds its events as duplicates and records it then).
    /// </exception>
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

            if (KeyProblem(feed, evt, check.Subject!) is { } keyError)
            {
                results[i] = Reject(feed, i, id, [keyError]);
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

        string? archiveBlob = null;
        var newlyAccepted = new List<AcceptedEvent>(toCommit.Count);
        if (toCommit.Count > 0)
        {
            archiveBlob = await archive.ArchiveRequestAsync(body, contentType, feed.Id, cancellationToken);
            var events = new AcceptedEvent[toCommit.Count];
            for (var i = 0; i < events.Length; i++)
            {
                events[i] = toCommit[i].Event;
                events[i].ArchiveBlob = archiveBlob;

                // Held from before the commit: the relay must not take an event the fast path is about to publish.
                publishQueue.Hold(events[i]);
            }

            IReadOnlyList<CommitOutcome> outcomes;
            try
            {
                outcomes = await ledger.CommitBatchAsync(events, cancellationToken);
            }
            catch
            {
                foreach (var e in events)
                {
                    publishQueue.Complete(e);
                }

                throw;
            }

            for (var i = 0; i < events.Length; i++)
            {
                var (index, accepted) = toCommit[i];
                results[index] = outcomes[i] switch
                {
                    CommitOutcome.Accepted => new EventResult(index, accepted.Id, EventResult.Accepted, []),
                    CommitOutcome.Duplicate => new EventResult(index, accepted.Id, EventResult.Duplicate, []),
                    _ => Reject(feed, index, accepted.Id,
                        [new ValidationError("/id", "an event with this source and id was already accepted with different content; use a new id for a new record")]),
                };
                if (outcomes[i] == CommitOutcome.Accepted)
                {
                    newlyAccepted.Add(accepted);
                }

                if (outcomes[i] != CommitOutcome.Accepted || !publishQueue.TryEnqueue(accepted))
                {
                    publishQueue.Complete(accepted);
                }
            }
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

        foreach (var observer in observers ?? [])
        {
            await observer.ObserveAsync(feed.Id, receivedAt, results!, newlyAccepted, cancellationToken);
        }

        if (audit is not null && archiveBlob is not null)
        {
            await audit.RecordAsync(AuditEntries.Ingest(feed.Id, sender, receivedAt, archiveBlob, contentType, request.Events, results!), cancellationToken);
        }

        return new IngestOutcome(results!);
    }

    private EventResult Reject(FeedDefinition feed, int index, string? id, IReadOnlyList<ValidationError> errors)
    {
        metrics.Event(feed.Id, EventResult.Rejected);
        return new EventResult(index, id, EventResult.Rejected, errors);
    }

    /// <summary>
    /// Key fields end up in table keys (1 KiB each at most): refused here, with the field's pointer, before anything is
    /// written, rather than failing in storage after the ledger commit.
    /// </summary>
    private static ValidationError? KeyProblem(FeedDefinition feed, JsonElement evt, string subject)
    {
        var data = evt.GetProperty("data");
        string? longest = null;
        var longestLength = -1;
        foreach (var field in feed.EntityKey)
        {
            var value = data.GetProperty(field);
            var length = value.ValueKind == JsonValueKind.String ? value.GetString()!.Length : value.GetRawText().Length;
            if (length > IngestLimits.MaxKeyFieldLength)
            {
                return new ValidationError("/data/" + JsonPointerToken(field), $"is too long for an entity key: at most {IngestLimits.MaxKeyFieldLength} characters as written");
            }

            if (length > longestLength)
            {
                (longest, longestLength) = (field, length);
            }
        }

        if (!TableKeys.IsStorableSubject(subject))
        {
            return new ValidationError("/data/" + JsonPointerToken(longest!), "makes the entity key too long to store once encoded; use a shorter value");
        }

        return data.TryGetProperty(feed.CommuneField, out var commune) && commune.ValueKind == JsonValueKind.String && !TableKeys.IsStorableCommune(commune.GetString()!)
            ? new ValidationError("/data/" + JsonPointerToken(feed.CommuneField), "is too long for a commune code")
            : null;
    }

    private static string JsonPointerToken(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private AcceptedEvent Accept(FeedDefinition feed, RecordCheck check, JsonElement evt, SenderIdentity sender, DateTimeOffset receivedAt)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(evt);
        var source = evt.GetProperty("source").GetString()!;
        var id = evt.GetProperty("id").GetString()!;
        var time = check.Time!.Value; // parsed by the validator: a valid event always has its instant
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
            DataJson = JsonMarshal.GetRawUtf8Value(data).ToArray(),
            Sender = sender,
        };
    }
}
