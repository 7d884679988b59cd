using System.Text.Json;

namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// A condition on a record, as configured: <c>equals</c>, <c>notEquals</c>, <c>in</c>, <c>exists</c>, <c>atLeast</c>,
/// <c>notAfterField</c>, <c>missingOrOlderThan</c> on a field, or <c>all</c> / <c>any</c> of other conditions.
/// A field that is absent (or null) never equals, differs from or reaches anything.
/// </summary>
public sealed class RecordFilter
{
    private readonly Func<IndicatorRecord, bool> _matches;

    private RecordFilter(Func<IndicatorRecord, bool> matches) => _matches = matches;

    public bool Matches(IndicatorRecord record) => _matches(record);

    public static RecordFilter EqualTo(string field, JsonElement expected) =>
        new(r => r.Value(field) is { } value && Same(value, expected));

    public static RecordFilter NotEqualTo(string field, JsonElement expected) =>
        new(r => r.Value(field) is { } value && !Same(value, expected));

    public static RecordFilter In(string field, IReadOnlySet<string> values) =>
        new(r => r.Text(field) is { } text && values.Contains(text));

    public static RecordFilter Exists(string field, bool exists) =>
        new(r => r.Value(field) is not null == exists);

    public static RecordFilter AtLeast(string field, double minimum) =>
        new(r => r.Number(field) is { } value && value >= minimum);

    public static RecordFilter NotAfterField(string field, string other) =>
        new(r => r.Instant(field) is { } value && r.Instant(other) is { } limit && value <= limit);

    public static RecordFilter MissingOrOlderThan(string field, TimeSpan age) =>
        new(r => r.Instant(field) is not { } value || value < r.At - age);

    public static RecordFilter All(IReadOnlyList<RecordFilter> filters) => new(r => filters.All(f => f.Matches(r)));

    public static RecordFilter Any(IReadOnlyList<RecordFilter> filters) => new(r => filters.Any(f => f.Matches(r)));

    private static bool Same(JsonElement value, JsonElement expected) => expected.ValueKind switch
    {
        JsonValueKind.String => value.ValueKind == JsonValueKind.String && value.GetString() == expected.GetString(),
        JsonValueKind.Number => value.ValueKind == JsonValueKind.Number && value.GetDouble() == expected.GetDouble(),
        JsonValueKind.True or JsonValueKind.False => value.ValueKind == expected.ValueKind,
        _ => false,
    };
}
