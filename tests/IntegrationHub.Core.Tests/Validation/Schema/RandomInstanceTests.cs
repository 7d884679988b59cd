using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Validation.Schema;

namespace IntegrationHub.Core.Tests.Validation.Schema;

public sealed class RandomInstanceTests
{
    private const string EveryKeywordSchema = """
        {
          "type": ["object", "array", "string", "number", "null", "boolean"],
          "properties": {
            "a/b": { "type": "integer", "minimum": -5, "exclusiveMaximum": 1e20, "multipleOf": 0.25 },
            "~": { "type": "string", "minLength": 1, "maxLength": 4, "pattern": "^\\w*\\s?$", "format": "date" },
            "when": { "format": "date-time", "enum": ["2020-01-01T00:00:00Z", 1, [true], { "k": null }] },
            "list": { "items": [{ "const": 1.0 }, { "items": { "type": "string" } }], "minItems": 1, "maxItems": 3 }
          },
          "required": ["a/b", "missing"],
          "additionalProperties": { "allOf": [{ "type": ["string", "number", "array", "object"] }, { "maxLength": 3 }] },
          "items": { "if": { "type": "string" }, "then": { "pattern": "(?<=a)b|^.$" }, "else": { "multipleOf": 3 } },
          "allOf": [true, { "enum": [null, 1, "x", [], {}, true, false, 2.5, "ab", [1], { "a/b": 1 }] }]
        }
        """;

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "0.25", "1.0", "1e308", "-1e308", "1e-400", "5e99999999999999999999", "-2.5E-3",
        "98249283749234923498293171823948729348710298301928331", "0.30000000000000000000000000000001", "123456789012345678901234567890e-30",
    ];

    private static readonly string[] Strings =
    [
        "", "a", "ab", "\\u0000", "\\ud800", "\\udc00\\ud800", "\\ud83d\\udca9", "💩", "2020-02-29", "2020-02-30",
        "2016-12-31T23:59:60Z", "1998-12-31T15:59:60.123-08:00", "\\n", "a\\u2028", "Nguyễn", "\\\"\\\\\\/\\b\\f\\r\\t", "\u0661\u0662",
    ];

    private static readonly string[] Names = ["a/b", "~", "when", "list", "missing", "x", "", "a\\/b", "\\u007e", "\\ud800"];

    [Fact]
    public void Random_instances_never_reach_the_fail_closed_path_and_both_entry_points_agree()
    {
        var schema = SchemaTestHelper.Compile(EveryKeywordSchema);
        var random = new Random(20250630);
        var invalid = 0;
        for (var i = 0; i < 3000; i++)
        {
            var json = new StringBuilder();
            WriteValue(json, random, 0);
            using var instance = JsonDocument.Parse(json.ToString(), new JsonDocumentOptions { MaxDepth = 256 });
            var errors = new List<SchemaError>();

            schema.Validate(instance.RootElement, "/data", errors);

            Assert.DoesNotContain(errors, e => e.Detail == "could not be validated");
            Assert.Equal(errors.Count == 0, schema.IsValid(instance.RootElement));
            Assert.All(errors, e => Assert.StartsWith("/data", e.Pointer, StringComparison.Ordinal));
            invalid += errors.Count > 0 ? 1 : 0;
        }

        // The generator must exercise both outcomes for the test to mean anything.
        Assert.InRange(invalid, 1, 2999);
    }

    private static void WriteValue(StringBuilder json, Random random, int depth)
    {
        switch (random.Next(depth > 6 ? 4 : 6))
        {
            case 0:
                json.Append(random.Next(3) switch { 0 => "null", 1 => "true", _ => "false" });
                break;
            case 1:
                json.Append(random.Next(3) == 0
                    ? random.Next(-100, 100).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : Numbers[random.Next(Numbers.Length)]);
                break;
            case 2:
            case 3:
                json.Append('"').Append(Strings[random.Next(Strings.Length)]).Append('"');
                break;
            case 4:
                json.Append('[');
                for (var i = random.Next(5); i > 0; i--)
                {
                    WriteValue(json, random, depth + 1);
                    json.Append(i > 1 ? "," : string.Empty);
                }

                json.Append(']');
                break;
            default:
                json.Append('{');
                for (var i = random.Next(6); i > 0; i--)
                {
                    json.Append('"').Append(Names[random.Next(Names.Length)]).Append("\":");
                    WriteValue(json, random, depth + 1);
                    json.Append(i > 1 ? "," : string.Empty);
                }

                json.Append('}');
                break;
        }
    }
}
