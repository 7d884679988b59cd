using System.Text.Json;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>One entity's state as a formula reads it: its <c>data</c>, its times and the instant of the computation.</summary>
public sealed class IndicatorRecord(SnapshotIndexEntry entry, JsonElement data, DateTimeOffset at, TimeSpan provinceOffset)
{
    public const string EventTime = "$eventTime";
    public const string ReceivedAt = "$receivedAt";
    public const string LatencySeconds = "$latencySeconds";

    public SnapshotIndexEntry Entry { get; } = entry;
    public DateTimeOffset At { get; } = at;

    /// <summary>The entity's commune, null for records without one.</summary>
    public string? Commune => Entry.Commune == "_" ? null : Entry.Commune;

    public JsonElement? Value(string field) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? Text(string field) => Value(field) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A number field, or the built-in <c>$latencySeconds</c> (received − event time); null when absent or not a number.</summary>
    public double? Number(string field)
    {
        if (field == LatencySeconds)
        {
            return Math.Max(0, (Entry.ReceivedAt - Entry.EventTime).TotalSeconds);
        }

        return Value(field) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;
    }

    /// <summary>
    /// A time: <c>$eventTime</c>, <c>$receivedAt</c>, or a field holding an RFC 3339 date-time, a date (its start, province
    /// time) or a month <c>yyyy-MM</c> (its first day).
    /// </summary>
    public DateTimeOffset? Instant(string field)
    {
        switch (field)
        {
            case EventTime:
                return Entry.EventTime;
            case ReceivedAt:
                return Entry.ReceivedAt;
        }

        if (Text(field) is not { } text)
        {
            return null;
        }

        if (Rfc3339.TryParseInstant(text, provinceOffset, out var instant, out _))
        {
            return instant;
        }

        return text.Length == 7 && Rfc3339.TryParseDate(text + "-01", out var month)
            ? new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), provinceOffset)
            : null;
    }

    /// <summary>The key of a breakdown source for this record (<see cref="IndicatorBreakdown.Source"/>).</summary>
    public string? Key(string source, string provinceCode, Func<string, string?> departmentOf) => source switch
    {
        "$commune" => Commune,
        "$province" => provinceCode,
        "$feed" => Entry.FeedId,
        "$department" => departmentOf(Entry.FeedId),
        _ => Value(source) is { } value ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null,
    };
}
