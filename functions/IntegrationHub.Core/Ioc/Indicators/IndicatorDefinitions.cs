using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// The indicators and the plans, read from <c>indicators.json</c> (embedded in this assembly). The loader checks every
/// member against what the calculator understands and refuses the file with the JSON Pointer of the first fault, so a
/// formula the hub would silently misread never goes live.
/// </summary>
public sealed partial class IndicatorDefinitions
{
    public const string ResourceName = "IntegrationHub.Core.Ioc.Indicators.indicators.json";

    private static readonly string[] Units = ["percent", "count", "ratio", "days", "hours", "seconds", "level"];
    private static readonly string[] Statuses = [IndicatorStatus.Computed, IndicatorStatus.Proxy, IndicatorStatus.Unavailable];
    private static readonly string[] Times = [IndicatorRecord.EventTime, IndicatorRecord.ReceivedAt];

    private IndicatorDefinitions(IReadOnlyList<IndicatorPlan> plans, IReadOnlyList<IndicatorDefinition> all)
    {
        Plans = plans;
        All = all;
    }

    /// <summary>The plans in their default priority.</summary>
    public IReadOnlyList<IndicatorPlan> Plans { get; }

    public IReadOnlyList<IndicatorDefinition> All { get; }

    public IndicatorDefinition? Find(string id) => All.FirstOrDefault(d => d.Id == id);

    public static IndicatorDefinitions LoadEmbedded()
    {
        using var stream = typeof(IndicatorDefinitions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"The resource {ResourceName} is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.ToArray());
    }

    /// <exception cref="InvalidDataException">The configuration is malformed; the message names the JSON Pointer.</exception>
    public static IndicatorDefinitions Load(byte[] json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"indicators.json: not JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = Object(document.RootElement, "");
            var plans = Array(root, "plans", "").Select((p, i) =>
            {
                var at = $"/plans/{i}";
                Object(p, at);
                return new IndicatorPlan(Text(p, "id", at), Localized(p, "name", at));
            }).ToArray();
            Unique(plans.Select(p => p.Id), "/plans", "id");
            var planIds = plans.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var indicators = Array(root, "indicators", "").Select((d, i) => Indicator(d, $"/indicators/{i}", planIds)).ToArray();
            Unique(indicators.Select(d => d.Id), "/indicators", "id");
            return new IndicatorDefinitions(plans, indicators);
        }
    }

    private static IndicatorDefinition Indicator(JsonElement d, string at, HashSet<string> plans)
    {
        Object(d, at);
        var id = Text(d, "id", at);
        if (!IndicatorId().IsMatch(id))
        {
            throw Fault(at + "/id", "must look like I-01");
        }

        var status = OneOf(d, "status", at, Statuses);
        var proxyNote = OptionalLocalized(d, "proxyNote", at);
        if ((status == IndicatorStatus.Proxy) != (proxyNote is not null))
        {
            throw Fault(at + "/proxyNote", "is required for a proxy and only for a proxy");
        }

        var unavailableReason = OptionalLocalized(d, "unavailableReason", at);
        if (status == IndicatorStatus.Unavailable && unavailableReason is null)
        {
            throw Fault(at + "/unavailableReason", "is required when the status is unavailable");
        }

        var measure = Measure(Member(d, "measure", at), at + "/measure");
        if (measure.Kind == MeasureKind.NdxpDelivered && unavailableReason is null)
        {
            throw Fault(at + "/unavailableReason", "is required: it is shown while the NDXP deliveries are not known");
        }

        var breakdowns = new List<IndicatorBreakdown>();
        if (d.TryGetProperty("breakdowns", out var b))
        {
            foreach (var property in Object(b, at + "/breakdowns").EnumerateObject())
            {
                breakdowns.Add(new IndicatorBreakdown(property.Name, property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > 0
                    ? property.Value.GetString()!
                    : throw Fault($"{at}/breakdowns/{property.Name}", "must be a field name or $commune, $province, $feed, $department")));
            }
        }

        var secondary = d.TryGetProperty("secondary", out var s)
            ? Elements(s, at + "/secondary").Select((e, i) => Secondary(e, $"{at}/secondary/{i}")).ToArray()
            : [];
        Unique(secondary.Select(x => x.Key), at + "/secondary", "key");

        var targets = Array(d, "targets", at).Select((t, i) =>
        {
            var tat = $"{at}/targets/{i}";
            Object(t, tat);
            var plan = Text(t, "plan", tat);
            if (!plans.Contains(plan))
            {
                throw Fault(tat + "/plan", $"'{plan}' is not one of the plans");
            }

            var year = Member(t, "year", tat);
            var value = Member(t, "value", tat);
            if (year.ValueKind != JsonValueKind.Number || !year.TryGetInt32(out var y) || y is < 2000 or > 2100)
            {
                throw Fault(tat + "/year", "must be a year");
            }

            if (value.ValueKind != JsonValueKind.Number)
            {
                throw Fault(tat + "/value", "must be a number");
            }

            return new PlanTarget(y, value.GetDouble(), plan, t.TryGetProperty("reference", out var r) ? r.GetString() : null,
                !t.TryGetProperty("yearStated", out var stated) || stated.ValueKind != JsonValueKind.False);
        }).ToArray();

        return new IndicatorDefinition(id, Localized(d, "name", at), Localized(d, "formula", at), status, proxyNote, unavailableReason,
            OneOf(d, "unit", at, Units), measure, breakdowns, secondary, targets);
    }

    private static SecondaryDefinition Secondary(JsonElement e, string at)
    {
        Object(e, at);
        var reason = OptionalLocalized(e, "unavailableReason", at);
        var measure = e.TryGetProperty("measure", out var m) ? Measure(m, at + "/measure") : null;
        if ((measure is null) == (reason is null))
        {
            throw Fault(at, "needs either a measure or an unavailableReason");
        }

        if (measure is not null && !MeasureKind.ReadsRecords(measure.Kind))
        {
            throw Fault(at + "/measure/kind", "a secondary figure reads records (ratio, sum, weightedMean, max, percentile)");
        }

        return new SecondaryDefinition(Text(e, "key", at), Localized(e, "name", at), OneOf(e, "unit", at, Units), measure, reason);
    }

    private static MeasureDefinition Measure(JsonElement m, string at)
    {
        Object(m, at);
        var kind = OneOf(m, "kind", at, MeasureKind.All.Order(StringComparer.Ordinal).ToArray());
        string? feed = null;
        if (MeasureKind.ReadsRecords(kind))
        {
            feed = Text(m, "feed", at);
        }

        MeasureWindow? window = null;
        if (m.TryGetProperty("window", out var w))
        {
            Object(w, at + "/window");
            var period = Text(w, "period", at + "/window");
            if (period != MeasureWindow.HubWindow && !TryDuration(period, out _))
            {
                throw Fault(at + "/window/period", "must be an ISO 8601 duration or $window");
            }

            window = new MeasureWindow(Text(w, "on", at + "/window"), period);
            if (window.On.StartsWith('$') && !Times.Contains(window.On) && !(kind == MeasureKind.NdxpDelivered && window.On == "$deliveredAt"))
            {
                throw Fault(at + "/window/on", "must be $eventTime, $receivedAt or a field of data");
            }
        }

        if (kind is MeasureKind.FeedsActive or MeasureKind.NdxpDelivered or MeasureKind.CommunesReporting && window is null)
        {
            throw Fault(at + "/window", $"is required for {kind}");
        }

        var where = m.TryGetProperty("where", out var wh) ? Filter(wh, at + "/where") : null;
        Quantity? numerator = null, denominator = null;
        IReadOnlyList<string> sum = [], subtract = [];
        string? field = null, weight = null;
        double? percentile = null;
        switch (kind)
        {
            case MeasureKind.Ratio:
                numerator = QuantityOf(Member(m, "numerator", at), at + "/numerator");
                denominator = QuantityOf(Member(m, "denominator", at), at + "/denominator");
                break;
            case MeasureKind.Sum:
                sum = Names(m, "sum", at);
                subtract = m.TryGetProperty("subtract", out _) ? Names(m, "subtract", at) : [];
                break;
            case MeasureKind.WeightedMean:
                field = Text(m, "field", at);
                weight = Text(m, "weight", at);
                break;
            case MeasureKind.Max:
                field = Text(m, "field", at);
                break;
            case MeasureKind.Percentile:
                field = Text(m, "field", at);
                var p = Member(m, "percentile", at);
                percentile = p.ValueKind == JsonValueKind.Number && p.GetDouble() is > 0 and <= 100
                    ? p.GetDouble()
                    : throw Fault(at + "/percentile", "must be a number in (0, 100]");
                break;
        }

        return new MeasureDefinition(kind, feed, window, where, numerator, denominator, sum, subtract, field, weight, percentile);
    }

    private static Quantity QuantityOf(JsonElement q, string at)
    {
        Object(q, at);
        var distinct = q.TryGetProperty("distinct", out var d) ? Text(q, "distinct", at) : null;
        var hasCount = q.TryGetProperty("count", out var count);
        if (hasCount == q.TryGetProperty("sum", out _))
        {
            throw Fault(at, "needs exactly one of count (a condition, or null for every record) and sum (field names)");
        }

        if (!hasCount)
        {
            return distinct is null ? new Quantity(null, null, Names(q, "sum", at)) : throw Fault(at + "/distinct", "applies to a count only");
        }

        return new Quantity(count.ValueKind == JsonValueKind.Null ? null : Filter(count, at + "/count"), distinct, null);
    }

    private static RecordFilter Filter(JsonElement f, string at)
    {
        Object(f, at);
        if (f.TryGetProperty("all", out var all))
        {
            return RecordFilter.All(Elements(all, at + "/all").Select((e, i) => Filter(e, $"{at}/all/{i}")).ToArray());
        }

        if (f.TryGetProperty("any", out var any))
        {
            return RecordFilter.Any(Elements(any, at + "/any").Select((e, i) => Filter(e, $"{at}/any/{i}")).ToArray());
        }

        var field = Text(f, "field", at);
        var conditions = f.EnumerateObject().Where(p => p.Name != "field").ToArray();
        if (conditions.Length != 1)
        {
            throw Fault(at, "needs exactly one condition besides field");
        }

        var (name, value) = (conditions[0].Name, conditions[0].Value);
        var where = $"{at}/{name}";
        return name switch
        {
            "equals" when value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False =>
                RecordFilter.EqualTo(field, value.Clone()),
            "notEquals" when value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False =>
                RecordFilter.NotEqualTo(field, value.Clone()),
            "in" => RecordFilter.In(field, Elements(value, where).Select((e, i) => e.ValueKind == JsonValueKind.String
                ? e.GetString()! : throw Fault($"{where}/{i}", "must be a string")).ToHashSet(StringComparer.Ordinal)),
            "exists" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => RecordFilter.Exists(field, value.GetBoolean()),
            "atLeast" when value.ValueKind == JsonValueKind.Number => RecordFilter.AtLeast(field, value.GetDouble()),
            "notAfterField" when value.ValueKind == JsonValueKind.String => RecordFilter.NotAfterField(field, value.GetString()!),
            "missingOrOlderThan" when value.ValueKind == JsonValueKind.String && TryDuration(value.GetString()!, out var age) =>
                RecordFilter.MissingOrOlderThan(field, age),
            "equals" or "notEquals" or "exists" or "atLeast" or "notAfterField" or "missingOrOlderThan" => throw Fault(where, "has a value of the wrong type"),
            _ => throw Fault(where, "is not a condition the calculator knows"),
        };
    }

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = default;
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return text.StartsWith('P') && duration > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static JsonElement Object(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Object ? e : throw Fault(at, "must be an object");

    private static JsonElement Member(JsonElement e, string name, string at) =>
        e.TryGetProperty(name, out var value) ? value : throw Fault($"{at}/{name}", "is required");

    private static IEnumerable<JsonElement> Elements(JsonElement e, string at) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToArray() : throw Fault(at, "must be an array");

    private static IEnumerable<JsonElement> Array(JsonElement e, string name, string at) => Elements(Member(e, name, at), $"{at}/{name}");

    private static string Text(JsonElement e, string name, string at) =>
        Member(e, name, at) is { ValueKind: JsonValueKind.String } value && value.GetString()!.Length > 0
            ? value.GetString()!
            : throw Fault($"{at}/{name}", "must be a non-empty string");

    private static string[] Names(JsonElement e, string name, string at)
    {
        var names = Array(e, name, at).Select((v, i) => v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0
            ? v.GetString()! : throw Fault($"{at}/{name}/{i}", "must be a field name")).ToArray();
        return names.Length > 0 ? names : throw Fault($"{at}/{name}", "must name at least one field");
    }

    private static string OneOf(JsonElement e, string name, string at, string[] allowed)
    {
        var value = Text(e, name, at);
        return allowed.Contains(value) ? value : throw Fault($"{at}/{name}", $"'{value}' is not one of {string.Join(", ", allowed)}");
    }

    private static LocalizedText Localized(JsonElement e, string name, string at) =>
        OptionalLocalized(e, name, at) ?? throw Fault($"{at}/{name}", "is required");

    private static LocalizedText? OptionalLocalized(JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var value))
        {
            return null;
        }

        Object(value, $"{at}/{name}");
        return new LocalizedText(Text(value, "vi", $"{at}/{name}"), Text(value, "en", $"{at}/{name}"));
    }

    private static void Unique(IEnumerable<string> values, string at, string member)
    {
        var duplicate = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Fault(at, $"{member} '{duplicate.Key}' appears more than once");
        }
    }

    private static InvalidDataException Fault(string pointer, string message) => new($"indicators.json {pointer}: {message}");

    [GeneratedRegex("^I-[0-9]{2}$")]
    private static partial Regex IndicatorId();
}
