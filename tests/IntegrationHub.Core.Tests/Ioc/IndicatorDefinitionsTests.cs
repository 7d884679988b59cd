using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.Tests.Ioc;

/// <summary>indicators.json: it loads, it matches the catalogue's contracts, and a malformed file is refused with the JSON Pointer of the fault.</summary>
public class IndicatorDefinitionsTests
{
    private static byte[] Embedded()
    {
        using var stream = typeof(IndicatorDefinitions).Assembly.GetManifestResourceStream(IndicatorDefinitions.ResourceName)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public void The_embedded_configuration_holds_the_24_indicators_of_feeds_md_in_order()
    {
        var definitions = IndicatorDefinitions.LoadEmbedded();

        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"I-{n:00}"), definitions.All.Select(d => d.Id));
        Assert.Equal(["HB", "QB", "BG", "TQ"], definitions.Plans.Select(p => p.Id));
        Assert.All(definitions.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Name.Vi) || string.IsNullOrWhiteSpace(d.Formula.En)));
        Assert.All(definitions.All.SelectMany(d => d.Targets), t => Assert.InRange(t.Value, 0, 100));
    }

    [Fact]
    public void Every_feed_and_field_a_formula_or_breakdown_names_exists_in_the_feeds_schema()
    {
        var root = JsonNode.Parse(Embedded())!;
        var problems = new List<string>();
        foreach (var indicator in root["indicators"]!.AsArray())
        {
            var id = (string)indicator!["id"]!;
            var measures = new List<JsonNode> { indicator["measure"]! };
            measures.AddRange(indicator["secondary"]?.AsArray().Select(s => s!["measure"]).OfType<JsonNode>() ?? []);
            foreach (var measure in measures)
            {
                if ((string?)measure["feed"] is not { } feed || feed == MeasureDefinition.EveryFeed)
                {
                    continue;
                }

                var fields = SchemaFields(feed, problems, id);
                problems.AddRange(FieldNames(measure).Where(f => !f.StartsWith('$') && !fields.Contains(f)).Select(f => $"{id}: {feed} has no field {f}"));
            }

            if ((string?)indicator["measure"]!["feed"] is { } headline && headline != MeasureDefinition.EveryFeed)
            {
                var fields = SchemaFields(headline, problems, id);
                problems.AddRange(indicator["breakdowns"]!.AsObject().Select(b => (string)b.Value!)
                    .Where(f => !f.StartsWith('$') && !fields.Contains(f)).Select(f => $"{id}: breakdown field {f} is not in {headline}"));
            }
        }

        Assert.Empty(problems);
    }

    private static HashSet<string> SchemaFields(string feed, List<string> problems, string id)
    {
        var definition = Support.Contracts.Catalogue.Find(feed);
        if (definition is null)
        {
            problems.Add($"{id}: feed {feed} is not in the catalogue");
            return [];
        }

        using var schema = JsonDocument.Parse(definition.Versions.OrderBy(v => v.Major).First().SchemaJson);
        return schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> FieldNames(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (name is "field" or "weight" or "distinct" or "notAfterField" && value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        yield return text;
                    }
                    else if (name is "sum" or "subtract" && value is JsonArray names)
                    {
                        foreach (var n in names)
                        {
                            yield return (string)n!;
                        }
                    }
                    else if (value is not null && name != "window")
                    {
                        foreach (var inner in FieldNames(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var inner in a.OfType<JsonNode>().SelectMany(FieldNames))
                {
                    yield return inner;
                }

                break;
        }
    }

    [Theory]
    [InlineData("/indicators/0/name", null, "/indicators/0/name")]
    [InlineData("/indicators/0/unit", "\"percentage\"", "/indicators/0/unit")]
    [InlineData("/indicators/1/id", "\"I-01\"", "/indicators")]
    [InlineData("/indicators/0/targets/0/plan", "\"XX\"", "/indicators/0/targets/0/plan")]
    [InlineData("/indicators/0/targets/0/year", "\"2025\"", "/indicators/0/targets/0/year")]
    [InlineData("/indicators/4/measure/kind", "\"median\"", "/indicators/4/measure/kind")]
    [InlineData("/indicators/4/measure/window/period", "\"30 days\"", "/indicators/4/measure/window/period")]
    [InlineData("/indicators/4/measure/numerator/count", "{\"field\":\"channel\",\"like\":\"ONLINE\"}", "/indicators/4/measure/numerator/count/like")]
    [InlineData("/indicators/4/measure/numerator/count", "{\"field\":\"channel\",\"atLeast\":\"3\"}", "/indicators/4/measure/numerator/count/atLeast")]
    [InlineData("/indicators/4/measure/denominator", "{}", "/indicators/4/measure/denominator")]
    [InlineData("/indicators/5/proxyNote", null, "/indicators/5/proxyNote")]
    [InlineData("/indicators/1/unavailableReason", null, "/indicators/1/unavailableReason")]
    [InlineData("/indicators/11/secondary/0/unavailableReason", null, "/indicators/11/secondary/0")]
    [InlineData("/indicators/20/measure/weight", null, "/indicators/20/measure/weight")]
    [InlineData("/indicators/2/secondary/0/measure/percentile", "101", "/indicators/2/secondary/0/measure/percentile")]
    public void A_malformed_configuration_is_refused_naming_the_json_pointer(string pointer, string? replacement, string expectedPointer)
    {
        var root = JsonNode.Parse(Embedded())!;
        var segments = pointer.Trim('/').Split('/');
        var parent = segments[..^1].Aggregate(root, (node, s) => int.TryParse(s, out var i) && node is JsonArray a ? a[i]! : node[s]!);
        var last = segments[^1];
        if (replacement is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(replacement);
        }

        var error = Assert.Throws<InvalidDataException>(() => IndicatorDefinitions.Load(JsonSerializer.SerializeToUtf8Bytes(root)));

        Assert.StartsWith($"indicators.json {expectedPointer}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_json_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => IndicatorDefinitions.Load("{ \"plans\": ["u8.ToArray()));
        Assert.StartsWith("indicators.json: not JSON", error.Message, StringComparison.Ordinal);
    }
}
