using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.OpenData;

/// <summary>
/// The JSON form of a dataset and its DCAT description (JSON-LD): a <c>dcat:Dataset</c> per public feed with title,
/// description, licence, publisher, update frequency, temporal and spatial coverage and its two distributions, and the
/// <c>dcat:Catalog</c> that lists them. See docs/open-data.md.
/// </summary>
public static class OpenDataDocuments
{
    public const string JsonMediaType = "application/json";
    public const string JsonLdMediaType = "application/ld+json";
    public const string CatalogName = "catalog.jsonld";

    /// <summary>The export runs daily (EU frequency vocabulary, as DCAT-AP uses).</summary>
    public const string Daily = "http://publications.europa.eu/resource/authority/frequency/DAILY";

    private const string IanaMediaTypes = "https://www.iana.org/assignments/media-types/";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string CsvName(string feedId) => feedId + "/aggregates.csv";

    public static string JsonName(string feedId) => feedId + "/aggregates.json";

    public static string DatasetName(string feedId) => feedId + "/dataset.jsonld";

    /// <summary>The rows as JSON objects named like the CSV columns, with the dataset's identity and coverage.</summary>
    public static byte[] Json(OpenDataTable table, DateTimeOffset generatedAt)
    {
        var openData = table.Feed.OpenData!;
        var rows = new JsonArray();
        foreach (var row in table.Rows)
        {
            var item = new JsonObject
            {
                [OpenDataAggregator.CommuneColumn] = row.Commune,
                [OpenDataAggregator.CommuneNameColumn] = row.CommuneName,
            };
            for (var i = 0; i < openData.Dimensions.Count; i++)
            {
                item[openData.Dimensions[i]] = row.Dimensions[i];
            }

            item[OpenDataAggregator.EntitiesColumn] = row.Entities;
            var statistics = table.Columns.Skip(3 + openData.Dimensions.Count).ToArray();
            for (var i = 0; i < statistics.Length; i++)
            {
                item[statistics[i]] = row.Statistics[i] is { } value ? JsonValue.Create(value) : null;
            }

            rows.Add(item);
        }

        var document = new JsonObject
        {
            ["dataset"] = table.Feed.Id,
            ["title"] = Text(openData.Title),
            ["license"] = openData.License.ToString(),
            ["generatedAt"] = generatedAt,
            ["temporal"] = new JsonObject { ["start"] = table.TemporalStart, ["end"] = table.TemporalEnd },
            ["columns"] = new JsonArray(table.Columns.Select(c => (JsonNode)c).ToArray()),
            ["rows"] = rows,
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Indented);
    }

    /// <summary>The <c>dcat:Dataset</c> of one public feed.</summary>
    public static JsonObject Dataset(OpenDataTable table, OpenDataSite site, DateTimeOffset generatedAt)
    {
        var feed = table.Feed;
        var openData = feed.OpenData!;
        var dataset = new JsonObject
        {
            ["@id"] = site.Url(DatasetName(feed.Id)),
            ["@type"] = "dcat:Dataset",
            ["dct:identifier"] = feed.Id,
            ["dct:title"] = Languages(openData.Title),
            ["dct:description"] = Languages(openData.Description),
            ["dct:license"] = Id(openData.License.ToString()),
            ["dct:publisher"] = new JsonObject
            {
                ["@type"] = "foaf:Agent",
                ["dct:identifier"] = feed.Owner.Code,
                ["foaf:name"] = Languages(feed.Owner.Name),
            },
            ["dct:accrualPeriodicity"] = Id(Daily),
            ["dct:modified"] = DateTime(generatedAt),
            ["dct:spatial"] = Spatial(site),
            ["dcat:keyword"] = new JsonArray(openData.Keywords.SelectMany(k => Languages(k).Select(n => n!.DeepClone())).ToArray()),
            ["dcat:distribution"] = new JsonArray(
                Distribution(site, CsvName(feed.Id), OpenDataCsv.MediaType, openData.Title, "CSV"),
                Distribution(site, JsonName(feed.Id), JsonMediaType, openData.Title, "JSON")),
        };
        if (table.TemporalStart is { } start && table.TemporalEnd is { } end)
        {
            dataset["dct:temporal"] = new JsonObject
            {
                ["@type"] = "dct:PeriodOfTime",
                ["dcat:startDate"] = DateTime(start),
                ["dcat:endDate"] = DateTime(end),
            };
        }

        return dataset;
    }

    /// <summary>The document of one dataset: its <c>dcat:Dataset</c> with the JSON-LD context.</summary>
    public static byte[] DatasetDocument(JsonObject dataset)
    {
        var document = new JsonObject { ["@context"] = Context() };
        foreach (var (name, value) in dataset)
        {
            document[name] = value?.DeepClone();
        }

        return JsonSerializer.SerializeToUtf8Bytes(document, Indented);
    }

    /// <summary>The <c>dcat:Catalog</c> listing every dataset of the export.</summary>
    public static byte[] Catalog(IReadOnlyList<JsonObject> datasets, OpenDataSite site, DateTimeOffset generatedAt)
    {
        var catalog = new JsonObject
        {
            ["@context"] = Context(),
            ["@id"] = site.Url(CatalogName),
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = Languages(new LocalizedText($"Dữ liệu mở tỉnh {site.ProvinceName}", $"{site.ProvinceName} province open data")),
            ["dct:description"] = Languages(new LocalizedText(
                "Số liệu tổng hợp theo xã của các nguồn dữ liệu công khai trên nền tảng chia sẻ dữ liệu của tỉnh, cập nhật hằng ngày.",
                "Aggregates per commune of the public feeds of the provincial data-sharing hub, updated daily.")),
            ["dct:publisher"] = new JsonObject
            {
                ["@type"] = "foaf:Agent",
                ["foaf:name"] = Languages(new LocalizedText($"Ủy ban nhân dân tỉnh {site.ProvinceName}", $"People's Committee of {site.ProvinceName} province")),
            },
            ["dct:modified"] = DateTime(generatedAt),
            ["dct:spatial"] = Spatial(site),
            ["dcat:dataset"] = new JsonArray(datasets.Select(d => (JsonNode)d.DeepClone()).ToArray()),
        };
        return JsonSerializer.SerializeToUtf8Bytes(catalog, Indented);
    }

    private static JsonObject Context() => new()
    {
        ["dcat"] = "http://www.w3.org/ns/dcat#",
        ["dct"] = "http://purl.org/dc/terms/",
        ["foaf"] = "http://xmlns.com/foaf/0.1/",
        ["skos"] = "http://www.w3.org/2004/02/skos/core#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
    };

    private static JsonObject Spatial(OpenDataSite site) => new()
    {
        ["@type"] = "dct:Location",
        ["dct:identifier"] = site.ProvinceCode,
        ["skos:prefLabel"] = Languages(new LocalizedText($"Tỉnh {site.ProvinceName}", $"{site.ProvinceName} province")),
    };

    private static JsonObject Distribution(OpenDataSite site, string name, string mediaType, LocalizedText title, string format) => new()
    {
        ["@type"] = "dcat:Distribution",
        ["dct:title"] = Languages(new LocalizedText($"{title.Vi} ({format})", $"{title.En} ({format})")),
        ["dcat:mediaType"] = Id(IanaMediaTypes + mediaType),
        ["dcat:downloadURL"] = Id(site.Url(name)),
        ["dcat:accessURL"] = Id(site.Url(name)),
    };

    private static JsonObject Text(LocalizedText text) => new() { ["vi"] = text.Vi, ["en"] = text.En };

    private static JsonArray Languages(LocalizedText text) => new(
        new JsonObject { ["@value"] = text.Vi, ["@language"] = "vi" },
        new JsonObject { ["@value"] = text.En, ["@language"] = "en" });

    private static JsonObject Id(string iri) => new() { ["@id"] = iri };

    private static JsonObject DateTime(DateTimeOffset value) => new()
    {
        ["@value"] = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["@type"] = "xsd:dateTime",
    };
}
