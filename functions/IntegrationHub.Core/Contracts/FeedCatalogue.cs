using System.Text.Json;
using System.Xml;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Validation.Schema;

namespace IntegrationHub.Core.Contracts;

/// <summary>
/// The published catalogue: every feed's entry, schemas and rules, loaded from the <c>contracts/</c> folder.
/// A contract that uses a keyword outside the profile, or a rule outside the vocabulary, stops the load:
/// a rule the hub would silently ignore is a data-quality hole.
/// </summary>
public sealed class FeedCatalogue
{
    public const string AlertsTopic = "lgsp.hub.alerts.v1";
    public const string IocSubscription = "ioc";
    public const string NdxpSubscription = "ndxp";

    private readonly Dictionary<string, FeedDefinition> _feeds;

    private FeedCatalogue(CompiledSchema envelopeSchema, IReadOnlyList<RuleDefinition> envelopeRules, byte[] envelopeSchemaJson,
        Dictionary<string, FeedDefinition> feeds)
    {
        EnvelopeSchema = envelopeSchema;
        EnvelopeRules = envelopeRules;
        EnvelopeSchemaJson = envelopeSchemaJson;
        _feeds = feeds;
        Feeds = feeds.Values.OrderBy(f => f.Id, StringComparer.Ordinal).ToArray();
    }

    public CompiledSchema EnvelopeSchema { get; }
    public IReadOnlyList<RuleDefinition> EnvelopeRules { get; }
    public byte[] EnvelopeSchemaJson { get; }
    public IReadOnlyList<FeedDefinition> Feeds { get; }

    public FeedDefinition? Find(string feedId) => _feeds.GetValueOrDefault(feedId);

    /// <summary>Topics and subscriptions: <c>ioc</c> on every topic, <c>ndxp</c> on feeds published nationally, plus the alerts topic.</summary>
    public MessagingTopology Topology()
    {
        var topics = new List<TopicDefinition>();
        foreach (var feed in Feeds)
        {
            foreach (var version in feed.Versions.Where(v => v.Status != "retired"))
            {
                IReadOnlyList<string> subscriptions = feed.PublishToNdxp ? [IocSubscription, NdxpSubscription] : [IocSubscription];
                topics.Add(new TopicDefinition(version.Topic, feed.Id, subscriptions));
            }
        }

        topics.Add(new TopicDefinition(AlertsTopic, null, [IocSubscription]));
        return new MessagingTopology(topics);
    }

    public static FeedCatalogue Load(string contractsFolder)
    {
        if (!Directory.Exists(contractsFolder))
        {
            throw new InvalidDataException($"Contracts folder '{contractsFolder}' does not exist.");
        }

        var envelopePath = Path.Combine(contractsFolder, "cloudevents.envelope.schema.json");
        var envelopeJson = File.ReadAllBytes(envelopePath);
        var envelopeSchema = CompileSchema(envelopePath, envelopeJson);
        var envelopeRules = LoadRules(Path.Combine(contractsFolder, "cloudevents.envelope.rules.json"));
        RequirePortable(envelopePath, envelopeJson, envelopeRules, "");

        var feeds = new Dictionary<string, FeedDefinition>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(contractsFolder).Order(StringComparer.Ordinal))
        {
            var entryPath = Path.Combine(folder, "feed.json");
            if (!File.Exists(entryPath))
            {
                continue;
            }

            var feed = LoadFeed(folder, entryPath);
            if (feed.Id != Path.GetFileName(folder))
            {
                throw new InvalidDataException($"{entryPath}: id '{feed.Id}' must equal its folder name.");
            }

            feeds.Add(feed.Id, feed);
        }

        return new FeedCatalogue(envelopeSchema, envelopeRules, envelopeJson, feeds);
    }

    private static FeedDefinition LoadFeed(string folder, string entryPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(entryPath));
        var root = document.RootElement;
        var id = Required(root, "id", entryPath);
        var versions = new List<FeedVersion>();
        foreach (var v in root.GetProperty("versions").EnumerateArray())
        {
            var major = v.GetProperty("major").GetInt32();
            var schemaFile = Required(v, "schema", entryPath);
            var schemaPath = Path.Combine(folder, schemaFile);
            var schemaJson = File.ReadAllBytes(schemaPath);
            var topic = Required(v, "topic", entryPath);
            if (topic != $"lgsp.{id}.v{major}")
            {
                throw new InvalidDataException($"{entryPath}: topic '{topic}' must be 'lgsp.{id}.v{major}'.");
            }

            var rules = LoadRules(Path.Combine(folder, Required(v, "rules", entryPath)));
            RequirePortable(schemaPath, schemaJson, rules, "/data");
            versions.Add(new FeedVersion
            {
                Major = major,
                Status = Required(v, "status", entryPath),
                Topic = topic,
                SchemaFile = schemaFile,
                SchemaJson = schemaJson,
                Schema = CompileSchema(schemaPath, schemaJson),
                Rules = rules,
                Sunset = v.TryGetProperty("sunset", out var sunset) && sunset.ValueKind == JsonValueKind.String
                    ? DateOnly.ParseExact(sunset.GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                    : null,
            });
        }

        var cadenceText = Required(root, "cadence", entryPath);
        var classification = OpenDataBlock.Classification(root, entryPath);
        var entityKey = root.GetProperty("entityKey").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var communeFieldName = root.TryGetProperty("communeField", out var communeField) && communeField.ValueKind == JsonValueKind.String
            ? communeField.GetString()!
            : "";
        return new FeedDefinition
        {
            Id = id,
            Code = Required(root, "code", entryPath),
            Title = Text(root.GetProperty("title")),
            Domain = Required(root, "domain", entryPath),
            Owner = new FeedOwner(Required(root.GetProperty("owner"), "code", entryPath), Text(root.GetProperty("owner").GetProperty("name"))),
            Grain = Required(root, "grain", entryPath),
            EntityKey = entityKey,
            CommuneField = communeFieldName,
            Cadence = XmlConvert.ToTimeSpan(cadenceText),
            CadenceText = cadenceText,
            Reporting = Reporting(root, entryPath),
            PublishToNdxp = root.GetProperty("publishToNdxp").GetBoolean(),
            Classification = classification,
            Sources = Sources(root, entryPath),
            Versions = versions,
            Retention = Retention(root, entryPath),
            OpenData = OpenDataBlock.Read(root, classification, entityKey, communeFieldName, versions, entryPath),
        };
    }

    /// <summary><c>"reporting"</c>: <c>each-period</c> (the default: every entity reports once per cadence) or <c>on-change</c>.</summary>
    private static string Reporting(JsonElement root, string entryPath)
    {
        if (!root.TryGetProperty("reporting", out var reporting))
        {
            return FeedReporting.EachPeriod;
        }

        return reporting.ValueKind == JsonValueKind.String && reporting.GetString() is FeedReporting.EachPeriod or FeedReporting.OnChange
            ? reporting.GetString()!
            : throw new InvalidDataException($"{entryPath}: 'reporting' must be '{FeedReporting.EachPeriod}' or '{FeedReporting.OnChange}'.");
    }

    /// <summary>
    /// <c>"retention": { "historyDays": n, "archiveDays": n }</c>, whole days from 1 to 36,500; the archive (the evidence of
    /// what was sent) is kept at least as long as the history.
    /// </summary>
    private static FeedRetention Retention(JsonElement root, string entryPath)
    {
        if (!root.TryGetProperty("retention", out var retention) || retention.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{entryPath}: 'retention' is required: {{ \"historyDays\": n, \"archiveDays\": n }}.");
        }

        int Days(string name) =>
            retention.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var days)
                && days is >= 1 and <= FeedRetention.MaxDays
                ? days
                : throw new InvalidDataException($"{entryPath}: 'retention.{name}' must be a whole number of days from 1 to {FeedRetention.MaxDays}.");

        var result = new FeedRetention(Days("historyDays"), Days("archiveDays"));
        return result.ArchiveDays >= result.HistoryDays
            ? result
            : throw new InvalidDataException($"{entryPath}: 'retention.archiveDays' ({result.ArchiveDays}) must not be shorter than 'retention.historyDays' ({result.HistoryDays}).");
    }

    /// <summary>A contract that mainstream validators would read differently is refused (contracts/README.md, "Portable contracts").</summary>
    private static void RequirePortable(string path, byte[] json, IReadOnlyList<RuleDefinition> rules, string dataPrefix)
    {
        using var document = JsonDocument.Parse(json);
        var issues = ContractPortability.Check(document.RootElement, rules, dataPrefix);
        if (issues.Count > 0)
        {
            throw new InvalidDataException($"{path} is not portable: {string.Join("; ", issues)}");
        }
    }

    private static CompiledSchema CompileSchema(string path, byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        try
        {
            return CompiledSchema.Compile(document.RootElement.Clone());
        }
        catch (SchemaCompileException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a rules file (the rule vocabulary of contracts/README.md); an unknown or malformed rule stops the load.</summary>
    public static IReadOnlyList<RuleDefinition> LoadRules(string path) => ParseRules(File.ReadAllBytes(path), path);

    /// <summary>Reads rules from a rules file's content; <paramref name="path"/> names it in errors.</summary>
    public static IReadOnlyList<RuleDefinition> ParseRules(byte[] json, string path)
    {
        using var document = JsonDocument.Parse(json);
        var rules = new List<RuleDefinition>();
        foreach (var rule in document.RootElement.GetProperty("rules").EnumerateArray())
        {
            var name = Required(rule, "assert", path);
            if (!RuleDefinition.Names.TryGetValue(name, out var kind))
            {
                throw new InvalidDataException($"{path}: unknown rule '{name}'; the vocabulary is {string.Join(", ", RuleDefinition.Names.Keys)}.");
            }

            var field = Required(rule, "field", path);
            var than = rule.TryGetProperty("than", out var t) ? t.GetString() : null;
            var definition = new RuleDefinition(
                kind,
                field,
                than,
                rule.TryGetProperty("tolerance", out var tolerance) ? XmlConvert.ToTimeSpan(tolerance.GetString()!) : TimeSpan.Zero,
                rule.TryGetProperty("message", out var message) ? message.GetString() : null)
            {
                Factor = rule.TryGetProperty("factor", out var factor) ? factor.GetInt64() : 1,
                Places = rule.TryGetProperty("places", out var places) ? places.GetInt32() : 0,
                Day = rule.TryGetProperty("day", out var day) ? ParseDay(day.GetString(), path) : DayOfWeek.Monday,
            };
            if (definition.Factor < 1 || (definition.Factor != 1 && !definition.IsComparison))
            {
                throw new InvalidDataException($"{path}: rule '{name}' on {field}: 'factor' is a positive integer and only for comparisons.");
            }

            if (kind == RuleKind.DecimalPlaces && !rule.TryGetProperty("places", out _))
            {
                throw new InvalidDataException($"{path}: rule 'decimalPlaces' on {field} needs 'places'.");
            }

            if (kind == RuleKind.Weekday && !rule.TryGetProperty("day", out _))
            {
                throw new InvalidDataException($"{path}: rule 'weekday' on {field} needs 'day' (monday … sunday).");
            }

            if (definition.IsComparison != (than is not null))
            {
                throw new InvalidDataException($"{path}: rule '{name}' on {field} {(than is null ? "needs" : "does not take")} 'than'.");
            }

            if (!field.StartsWith('/') || (than is not null && !than.StartsWith('/')))
            {
                throw new InvalidDataException($"{path}: rule '{name}': 'field' and 'than' must be JSON Pointers into the event (e.g. /data/x).");
            }

            rules.Add(definition);
        }

        return rules;
    }

    // An event is accepted only from a source its feed lists (and its sender's application holds), so a feed needs one.
    private static string[] Sources(JsonElement root, string path)
    {
        var sources = root.TryGetProperty("sources", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : "").ToArray()
            : [];
        if (sources.Length == 0 || sources.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidDataException($"{path}: 'sources' must list the CloudEvents sources that may send this feed (non-empty strings).");
        }

        return sources;
    }

    private static DayOfWeek ParseDay(string? text, string path) =>
        Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var day) && text is not null && char.IsAsciiLetterLower(text[0])
            ? day
            : throw new InvalidDataException($"{path}: 'day' must be a lower-case English day name (monday … sunday), not '{text}'.");

    private static string Required(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"{path}: '{name}' is required.");

    private static LocalizedText Text(JsonElement element) =>
        new(element.GetProperty("vi").GetString()!, element.GetProperty("en").GetString()!);
}
