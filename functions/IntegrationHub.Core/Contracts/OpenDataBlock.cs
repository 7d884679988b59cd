using System.Text.Json;

namespace IntegrationHub.Core.Contracts;

/// <summary>
/// Reads and checks a catalogue entry's <c>classification</c> and <c>openData</c> block (contracts/README.md, "Classification and
/// open data"). Only a public feed with a commune field may have one; its dimensions must be enumerated fields and its measures
/// numeric fields, not part of the entity key, of every accepted major's schema.
/// </summary>
internal static class OpenDataBlock
{
    public static string Classification(JsonElement root, string path)
    {
        var value = root.TryGetProperty("classification", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : null;
        return value is not null && FeedClassification.All.Contains(value)
            ? value
            : throw new InvalidDataException($"{path}: 'classification' must be one of {string.Join(", ", FeedClassification.All)}.");
    }

    public static OpenDataDefinition? Read(JsonElement root, string classification, IReadOnlyList<string> entityKey, string communeField,
        IReadOnlyList<FeedVersion> versions, string path)
    {
        if (!root.TryGetProperty("openData", out var block) || block.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (classification != FeedClassification.Public)
        {
            throw new InvalidDataException($"{path}: 'openData' is only for feeds classified '{FeedClassification.Public}'; this feed is '{classification}'.");
        }

        if (communeField.Length == 0)
        {
            throw new InvalidDataException($"{path}: 'openData' aggregates per commune, so the feed needs a 'communeField'.");
        }

        var license = Text(block, "license", path);
        if (!Uri.TryCreate(license, UriKind.Absolute, out var licenseUri) || (licenseUri.Scheme != Uri.UriSchemeHttps && licenseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidDataException($"{path}: 'openData.license' must be the licence's absolute http(s) URL.");
        }

        var properties = versions.Where(v => v.AcceptsEvents).Select(v => Properties(v.SchemaJson)).ToArray();
        string[] dimensions = block.TryGetProperty("dimensions", out var d) ? d.EnumerateArray().Select(e => e.GetString() ?? "").ToArray() : [];
        foreach (var dimension in dimensions)
        {
            // An enumerated part of the key (e.g. the measured parameter) is a category, not an identifier; the enum check below holds it to that.
            RequireField(dimension, "dimension", [], communeField, path);
            if (properties.Any(p => !p.TryGetValue(dimension, out var schema) || !schema.TryGetProperty("enum", out _)))
            {
                throw new InvalidDataException($"{path}: open-data dimension '{dimension}' must be an enumerated (enum) property of every accepted major's data.");
            }
        }

        var measures = new List<OpenDataMeasure>();
        foreach (var m in block.GetProperty("measures").EnumerateArray())
        {
            var field = Text(m, "field", path);
            RequireField(field, "measure", entityKey, communeField, path);
            if (properties.Any(p => !p.TryGetValue(field, out var schema) || !IsNumeric(schema)))
            {
                throw new InvalidDataException($"{path}: open-data measure '{field}' must be an integer or number property of every accepted major's data.");
            }

            var statistics = m.GetProperty("statistics").EnumerateArray().Select(s => s.GetString() ?? "").ToArray();
            if (statistics.Length == 0 || statistics.Any(s => !OpenDataMeasure.Names.Contains(s)) || statistics.Distinct(StringComparer.Ordinal).Count() != statistics.Length)
            {
                throw new InvalidDataException($"{path}: open-data measure '{field}': 'statistics' lists some of {string.Join(", ", OpenDataMeasure.Names)}, each once.");
            }

            measures.Add(new OpenDataMeasure(field, LocalizedText(m, "title", path), statistics));
        }

        if (measures.Select(x => x.Field).Concat(dimensions).Distinct(StringComparer.Ordinal).Count() != measures.Count + dimensions.Length)
        {
            throw new InvalidDataException($"{path}: an open-data field is listed twice.");
        }

        return new OpenDataDefinition(
            LocalizedText(block, "title", path),
            LocalizedText(block, "description", path),
            licenseUri,
            block.TryGetProperty("keywords", out var k) ? k.EnumerateArray().Select(e => new LocalizedText(Text(e, "vi", path), Text(e, "en", path))).ToArray() : [],
            dimensions,
            measures);
    }

    private static void RequireField(string field, string kind, IReadOnlyList<string> entityKey, string communeField, string path)
    {
        if (field.Length == 0 || field.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: open-data {kind} '{field}' must name a top-level property of data.");
        }

        if (entityKey.Contains(field) || field == communeField)
        {
            throw new InvalidDataException($"{path}: open-data {kind} '{field}' is part of the entity key or the commune; identifiers never leave the hub.");
        }
    }

    private static Dictionary<string, JsonElement> Properties(byte[] schemaJson)
    {
        using var document = JsonDocument.Parse(schemaJson);
        return document.RootElement.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : [];
    }

    private static bool IsNumeric(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind switch
        {
            JsonValueKind.String => type.GetString() is "integer" or "number",
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.GetString() is "integer" or "number")
                && type.EnumerateArray().All(t => t.GetString() is "integer" or "number" or "null"),
            _ => false,
        };

    private static string Text(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0
            ? value.GetString()!
            : throw new InvalidDataException($"{path}: open data: '{name}' is required.");

    private static LocalizedText LocalizedText(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? new LocalizedText(Text(value, "vi", path), Text(value, "en", path))
            : throw new InvalidDataException($"{path}: open data: '{name}' needs 'vi' and 'en'.");
}
