using System.Text.Json;
using IntegrationHub.Core.Validation.Schema;
using static IntegrationHub.Core.Tests.Validation.Schema.SchemaTestHelper;

namespace IntegrationHub.Core.Tests.Validation.Schema;

public sealed class SchemaCompileTests
{
    [Theory]
    [InlineData("""{ "properties": { "a": { "patternProperties": { "x": true } } } }""", "patternProperties", "/properties/a/patternProperties")]
    [InlineData("""{ "anyOf": [true] }""", "anyOf", "/anyOf")]
    [InlineData("""{ "items": [{ "type": "string" }, { "$ref": "#" }] }""", "$ref", "/items/1/$ref")]
    [InlineData("""{ "allOf": [{ "if": { "not": {} }, "then": true }] }""", "not", "/allOf/0/if/not")]
    [InlineData("""{ "properties": { "a/b": { "uniqueItems": true } } }""", "uniqueItems", "/properties/a~1b/uniqueItems")]
    [InlineData("""{ "additionalProperties": { "definitions": {} } }""", "definitions", "/additionalProperties/definitions")]
    [InlineData("""{ "else": { "minProperties": 1 } }""", "minProperties", "/else/minProperties")]
    public void Compile_refuses_a_keyword_outside_the_profile_naming_keyword_and_pointer(string schema, string keyword, string pointer)
    {
        var exception = Assert.Throws<SchemaCompileException>(() => Compile(schema));

        Assert.Equal(keyword, exception.Keyword);
        Assert.Equal(pointer, exception.SchemaPointer);
        Assert.Contains(keyword, exception.Message, StringComparison.Ordinal);
        Assert.Contains(pointer, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindOutOfProfileKeywords_lists_every_out_of_profile_keyword_by_schema_pointer()
    {
        using var document = JsonDocument.Parse("""
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "title": "t",
              "definitions": { "x": { "not": {} } },
              "properties": { "a": { "patternProperties": {} }, "b": { "items": [true, { "contains": {} }] } },
              "enum": [{ "anyOf": "data, not a schema" }],
              "default": { "oneOf": [] },
              "allOf": [{ "then": { "dependencies": {} } }]
            }
            """);

        var found = SchemaProfile.FindOutOfProfileKeywords(document.RootElement);

        Assert.Equal(["/definitions", "/properties/a/patternProperties", "/properties/b/items/1/contains", "/allOf/0/then/dependencies"], found);
    }

    [Fact]
    public void The_profile_holds_exactly_the_contract_keywords()
    {
        Assert.Equal(29, SchemaProfile.Keywords.Count);
        Assert.Contains("if", SchemaProfile.Keywords);
        Assert.Contains("examples", SchemaProfile.Keywords);
        Assert.DoesNotContain("$ref", SchemaProfile.Keywords);
        Assert.DoesNotContain("additionalItems", SchemaProfile.Keywords);
    }

    [Theory]
    [InlineData("""{ "minimum": "0" }""", "minimum", "/minimum")]
    [InlineData("""{ "type": "int" }""", "type", "/type")]
    [InlineData("""{ "type": ["string", "string"] }""", "type", "/type/1")]
    [InlineData("""{ "type": [] }""", "type", "/type")]
    [InlineData("""{ "required": "a" }""", "required", "/required")]
    [InlineData("""{ "required": ["a", "a"] }""", "required", "/required/1")]
    [InlineData("""{ "required": [1] }""", "required", "/required/0")]
    [InlineData("""{ "properties": [] }""", "properties", "/properties")]
    [InlineData("""{ "properties": { "a": 1 } }""", "properties", "/properties/a")]
    [InlineData("""{ "items": [true, "x"] }""", "items", "/items/1")]
    [InlineData("""{ "allOf": [] }""", "allOf", "/allOf")]
    [InlineData("""{ "multipleOf": 0 }""", "multipleOf", "/multipleOf")]
    [InlineData("""{ "multipleOf": -1 }""", "multipleOf", "/multipleOf")]
    [InlineData("""{ "minLength": -1 }""", "minLength", "/minLength")]
    [InlineData("""{ "maxItems": 1.5 }""", "maxItems", "/maxItems")]
    [InlineData("""{ "enum": "A" }""", "enum", "/enum")]
    [InlineData("""{ "format": 7 }""", "format", "/format")]
    [InlineData("""{ "pattern": "(" }""", "pattern", "/pattern")]
    [InlineData("""{ "if": 1 }""", "if", "/if")]
    [InlineData("""{ "title": 1 }""", "title", "/title")]
    [InlineData("""{ "examples": {} }""", "examples", "/examples")]
    [InlineData("""{ "type": "string", "type": "number" }""", "type", "/type")]
    public void Compile_refuses_a_malformed_keyword_value(string schema, string keyword, string pointer)
    {
        var exception = Assert.Throws<SchemaCompileException>(() => Compile(schema));

        Assert.Equal(keyword, exception.Keyword);
        Assert.Equal(pointer, exception.SchemaPointer);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"object\"")]
    [InlineData("null")]
    public void A_schema_must_be_an_object_or_a_boolean(string schema)
    {
        var exception = Assert.Throws<SchemaCompileException>(() => Compile(schema));

        Assert.Equal(string.Empty, exception.SchemaPointer);
    }

    [Fact]
    public void Subschemas_nested_beyond_the_limit_are_refused()
    {
        var schema = string.Concat(Enumerable.Repeat("""{ "items": """, 100)) + "true" + new string('}', 100);
        using var document = JsonDocument.Parse(schema, new JsonDocumentOptions { MaxDepth = 1000 });

        var exception = Assert.Throws<SchemaCompileException>(() => CompiledSchema.Compile(document.RootElement));

        Assert.Equal("items", exception.Keyword);
    }

    [Fact]
    public void Annotations_are_accepted_and_ignored()
    {
        const string schema = """
            { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "urn:x", "$comment": "c", "title": "t",
              "description": "d", "default": { "any": ["thing"] }, "examples": [1, "two"], "type": "integer" }
            """;

        Assert.True(IsValid(schema, "3"));
        Assert.False(IsValid(schema, "\"two\""));
    }

    [Fact]
    public void Then_and_else_without_if_have_no_effect()
    {
        Assert.True(IsValid("""{ "then": false, "else": false }""", "1"));
    }
}
