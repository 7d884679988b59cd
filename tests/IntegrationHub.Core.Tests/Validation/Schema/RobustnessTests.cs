using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Validation.Schema;
using static IntegrationHub.Core.Tests.Validation.Schema.SchemaTestHelper;

namespace IntegrationHub.Core.Tests.Validation.Schema;

public sealed class RobustnessTests
{
    [Theory]
    [InlineData("""{ "type": "array" }""", true)]
    [InlineData("""{ "items": { "items": { "items": { "type": "array", "maxItems": 1 } } } }""", true)]
    [InlineData("""{ "items": { "items": { "items": { "type": "string" } } } }""", false)]
    [InlineData("""{ "const": [[[[1]]]] }""", false)]
    [InlineData("""{ "enum": [[[[[]]]], 1] }""", false)]
    [InlineData("""{ "allOf": [{ "items": true }], "if": { "items": { "items": false } }, "then": true, "else": false }""", false)]
    public void A_ten_thousand_deep_nested_array_does_not_throw(string schema, bool valid)
    {
        const int depth = 10_000;
        var json = new string('[', depth) + new string(']', depth);
        using var instance = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = depth + 1 });
        var compiled = Compile(schema);

        var errors = new List<SchemaError>();
        compiled.Validate(instance.RootElement, "/data", errors);

        Assert.Equal(valid, compiled.IsValid(instance.RootElement));
        Assert.Equal(valid, errors.Count == 0);
        Assert.DoesNotContain(errors, e => e.Detail == "could not be validated");
    }

    [Theory]
    [InlineData("1e99999999999999999999999999999999999999")]
    [InlineData("-1e-99999999999999999999999999999999999999")]
    [InlineData("98249283749234923498293171823948729348710298301928331")]
    [InlineData("0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("-0")]
    public void Odd_numbers_do_not_throw(string number)
    {
        const string schema = """
            { "type": ["integer", "string"], "minimum": 0.5, "maximum": 1e300, "exclusiveMinimum": -1, "exclusiveMaximum": 1e301,
              "multipleOf": 0.7, "enum": [1, 2.5, "x"], "const": 1 }
            """;

        var errors = Validate(schema, number);

        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, e => e.Detail == "could not be validated");
    }

    [Fact]
    public void A_number_literal_with_thousands_of_digits_is_validated_exactly()
    {
        var digits = "1" + new string('0', 5000);
        Assert.True(IsValid("""{ "type": "integer", "multipleOf": 2.5e-3, "minimum": 1e4999 }""", digits + "0000"));
        Assert.False(IsValid("""{ "multipleOf": 7e-3 }""", digits + "0000"));
        Assert.False(IsValid("""{ "maximum": 1e4999 }""", digits));
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\\ud800\"")]
    [InlineData("\"\\u0000\"")]
    [InlineData("\"\\\\\\\"\\/\\b\\f\\n\\r\\t\"")]
    [InlineData("\"\uFFFF\uFFFE\"")]
    public void Odd_strings_do_not_throw(string value)
    {
        const string schema = """
            { "type": "integer", "minLength": 5, "pattern": "^\\w+$", "format": "date-time", "enum": ["\ud800"], "const": "x" }
            """;

        var errors = Validate(schema, value);

        Assert.NotEmpty(errors);
        Assert.DoesNotContain(errors, e => e.Detail == "could not be validated");
    }

    [Fact]
    public void Lone_surrogates_compare_by_code_unit()
    {
        Assert.True(IsValid("""{ "const": "\ud800" }""", "\"\\ud800\""));
        Assert.False(IsValid("""{ "const": "\ud800" }""", "\"\uFFFD\""));
        Assert.True(IsValid("""{ "enum": ["a", "\udc00\ud800"] }""", "\"\\udc00\\ud800\""));
    }

    [Fact]
    public void Odd_property_names_do_not_throw_and_are_reported_in_pointers()
    {
        var errors = Validate("""{ "additionalProperties": false }""", """{ "\ud800/~": 1, "": 2 }""");

        Assert.Equal([new SchemaError("/\ud800~1~0", "is not allowed"), new SchemaError("/", "is not allowed")], errors);
    }

    [Fact]
    public void A_large_object_with_many_properties_is_validated()
    {
        var builder = new StringBuilder("{");
        for (var i = 0; i < 5000; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append("\"p").Append(i).Append("\":").Append(i);
        }

        builder.Append('}');
        var errors = Validate("""{ "properties": { "p7": { "maximum": 6 } }, "required": ["p4999", "p5000"], "additionalProperties": { "type": "integer" } }""", builder.ToString());

        Assert.Equal([new SchemaError("/p7", "must be ≤ 6"), new SchemaError("/p5000", "is required")], errors);
    }

    [Fact]
    public void A_default_element_is_reported_not_thrown()
    {
        var compiled = Compile("""{ "type": "object" }""");

        var errors = new List<SchemaError>();
        compiled.Validate(default, "/data", errors);

        Assert.Equal([new SchemaError("/data", "must be of type object")], errors);
        Assert.True(Compile("{}").IsValid(default));
    }
}
