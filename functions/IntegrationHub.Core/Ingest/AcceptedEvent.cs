namespace IntegrationHub.Core.Ingest;

/// <summary>A validated event on its way to storage and its topic; everything the relay needs to finish the job later.</summary>
public sealed class AcceptedEvent
{
    public required string FeedId { get; init; }
    public required int Major { get; init; }
    public required string Topic { get; init; }
    public required string Subject { get; init; }
    public required string Commune { get; init; }
    public required string Source { get; init; }
    public required string Id { get; init; }
    public required string Type { get; init; }

    /// <summary>Lowercase hex SHA-256 of <c>source</c> LF <c>id</c>: the idempotency key and the AMQP message id.</summary>
    public required string KeyHash { get; init; }

    /// <summary>SHA-256 of the event's canonical JSON: same key with other content is a conflict, not a duplicate.</summary>
    public required string ContentHash { get; init; }

    public required DateTimeOffset Time { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string AdminCodes { get; init; }

    /// <summary>The event as accepted (UTF-8 JSON, compact), attributes and data.</summary>
    public required byte[] EventJson { get; init; }

    /// <summary>The record's <c>data</c> as UTF-8 JSON, cut from the request once (null when rebuilt from a stored row: derived on demand).</summary>
    public byte[]? DataJson { get; set; }

    /// <summary>The blob holding the raw request body this event arrived in.</summary>
    public string ArchiveBlob { get; set; } = "";

    /// <summary>The blob holding this record alone, when it is too large for a table row or one message.</summary>
    public string? RecordBlob { get; set; }

    public required SenderIdentity Sender { get; init; }
}
