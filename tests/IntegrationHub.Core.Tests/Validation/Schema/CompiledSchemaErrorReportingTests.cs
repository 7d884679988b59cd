using System.Text.Json;
using IntegrationHub.Core.Validation.Schema;
using static IntegrationHub.Core.Tests.Validation.Schema.SchemaTestHelper;

namespace IntegrationHub.Core.Tests.Validation.Schema;

public sealed class CompiledSchemaErrorReportingTests
{
    private const string StatusSchema = """
        {
          "type": "object",
          "properties": {
            "status": { "enum": ["OPEN", "DONE"] },
            "completedAt": { "type": "string", "format": "date-time" },
            "count": { "type": "integer", "minimum": 0, "maximum": 20000 },
            "communeCode": { "type": "string", "pattern": "^\\d{5}$" }
          },
          "required": ["status", "count"],
          "additionalProperties": false,
          "if": { "properties": { "status": { "const": "DONE" } } },
          "then": { "required": ["completedAt"] }
        }
        """;

    [Fact]
    public void A_missing_required_property_is_reported_where_the_property_belongs()
    {
        var errors = Validate("""{ "required": ["completedAt"] }""", "{}", "/data");

        var error = Assert.Single(errors);
        Assert.Equal("/data/completedAt", error.Pointer);
        Assert.Equal("is required", error.Detail);
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var errors = Validate(StatusSchema, """{ "status": "LATE", "count": 20001, "communeCode": "1234", "extra": 1 }""", "/data");

        Assert.Equal(
            [
                new SchemaError("/data/status", "must be one of: OPEN, DONE"),
                new SchemaError("/data/count", "must be ≤ 20000"),
                new SchemaError("/data/communeCode", @"must match pattern ^\d{5}$"),
                new SchemaError("/data/extra", "is not allowed"),
            ],
            errors);
    }

    [Fact]
    public void Then_errors_are_reported_at_the_instance_pointer_and_if_errors_are_not()
    {
        var errors = Validate(StatusSchema, """{ "status": "DONE", "count": 3 }""", "/data");

        Assert.Equal([new SchemaError("/data/completedAt", "is required")], errors);
        Assert.Empty(Validate(StatusSchema, """{ "status": "OPEN", "count": 3 }""", "/data"));
    }

    [Fact]
    public void Else_errors_are_reported_when_if_fails()
    {
        const string schema = """
            { "if": { "properties": { "kind": { "const": "a" } } },
              "then": { "properties": { "value": { "type": "integer" } } },
              "else": { "properties": { "value": { "type": "string" } } } }
            """;

        Assert.Equal([new SchemaError("/value", "must be of type string")], Validate(schema, """{ "kind": "b", "value": 1 }"""));
        Assert.Equal([new SchemaError("/value", "must be of type integer")], Validate(schema, """{ "kind": "a", "value": "x" }"""));
    }

    [Fact]
    public void Pointer_segments_are_escaped_per_rfc_6901()
    {
        const string schema = """
            { "properties": { "a/b": { "type": "integer" }, "m~n": { "type": "integer" } },
              "required": ["x/y~z"], "additionalProperties": false }
            """;

        var errors = Validate(schema, """{ "a/b": "1", "m~n": "2", "p~/q": 0 }""", "/data");

        Assert.Equal(
            [
                new SchemaError("/data/a~1b", "must be of type integer"),
                new SchemaError("/data/m~0n", "must be of type integer"),
                new SchemaError("/data/p~0~1q", "is not allowed"),
                new SchemaError("/data/x~1y~0z", "is required"),
            ],
            errors);
    }

    [Fact]
    public void Escaped_property_names_in_the_instance_are_matched_and_reported_decoded()
    {
        var errors = Validate(
            """{ "properties": { "name": { "type": "string" } }, "additionalProperties": false }""",
            """{ "n\u0061me": 1, "\u002Fx": true }""");

        Assert.Equal([new SchemaError("/name", "must be of type string"), new SchemaError("/~1x", "is not allowed")], errors);
    }

    [Fact]
    public void Array_items_are_reported_by_index()
    {
        var errors = Validate("""{ "items": { "type": "string" }, "maxItems": 2 }""", """["a", 1, "b", false]""", "/data/list");

        Assert.Equal(
            [
                new SchemaError("/data/list", "must have at most 2 items"),
                new SchemaError("/data/list/1", "must be of type string"),
                new SchemaError("/data/list/3", "must be of type string"),
            ],
            errors);
    }

    [Fact]
    public void Tuple_items_validate_by_position_and_allow_additional_items()
    {
        const string schema = """{ "items": [{ "type": "integer" }, { "type": "string" }] }""";

        Assert.Equal([new SchemaError("/1", "must be of type string")], Validate(schema, """[1, 2, null]"""));
        Assert.Empty(Validate(schema, """[1, "a", null, {}]"""));
    }

    [Fact]
    public void Details_name_the_violated_limit()
    {
        Assert.Equal("must be a valid date (RFC 3339 full-date)", Assert.Single(Validate("""{ "format": "date" }""", "\"2020-02-30\"")).Detail);
        Assert.Equal("must be a valid date-time (RFC 3339 date-time)", Assert.Single(Validate("""{ "format": "date-time" }""", "\"2020-02-03\"")).Detail);
        Assert.Equal("must be of type integer or null", Assert.Single(Validate("""{ "type": ["integer", "null"] }""", "1.5")).Detail);
        Assert.Equal("must be of type string, number or null", Assert.Single(Validate("""{ "type": ["string", "number", "null"] }""", "{}")).Detail);
        Assert.Equal("must be ≥ 0", Assert.Single(Validate("""{ "minimum": 0 }""", "-1")).Detail);
        Assert.Equal("must be > 0", Assert.Single(Validate("""{ "exclusiveMinimum": 0 }""", "0")).Detail);
        Assert.Equal("must be < 5", Assert.Single(Validate("""{ "exclusiveMaximum": 5 }""", "5")).Detail);
        Assert.Equal("must be a multiple of 0.01", Assert.Single(Validate("""{ "multipleOf": 0.01 }""", "1.001")).Detail);
        Assert.Equal("must be at least 2 characters long", Assert.Single(Validate("""{ "minLength": 2 }""", "\"a\"")).Detail);
        Assert.Equal("must be at most 1 characters long", Assert.Single(Validate("""{ "maxLength": 1 }""", "\"ab\"")).Detail);
        Assert.Equal("must have at least 1 items", Assert.Single(Validate("""{ "minItems": 1 }""", "[]")).Detail);
        Assert.Equal("must be equal to {\"a\":[1,2]}", Assert.Single(Validate("""{ "const": { "a": [1, 2] } }""", "{}")).Detail);
        Assert.Equal("is not allowed", Assert.Single(Validate("false", "1")).Detail);
    }

    [Fact]
    public void Root_errors_use_the_prefix_as_pointer()
    {
        Assert.Equal([new SchemaError("", "must be of type object")], Validate("""{ "type": "object" }""", "[]"));
        Assert.Equal([new SchemaError("/data", "must be of type object")], Validate("""{ "type": "object" }""", "[]", "/data"));
    }

    [Fact]
    public void AllOf_reports_the_errors_of_every_failing_subschema()
    {
        var errors = Validate("""{ "allOf": [{ "required": ["a"] }, { "required": ["b"] }, { "type": "object" }] }""", "{}");

        Assert.Equal([new SchemaError("/a", "is required"), new SchemaError("/b", "is required")], errors);
    }

    [Fact]
    public void Nested_objects_build_the_full_pointer()
    {
        const string schema = """
            { "properties": { "school": { "properties": { "classes": { "items": { "required": ["teacher"] } } } } } }
            """;

        var errors = Validate(schema, """{ "school": { "classes": [{ "teacher": "x" }, {}] } }""", "/data");

        Assert.Equal([new SchemaError("/data/school/classes/1/teacher", "is required")], errors);
    }

    [Fact]
    public void A_compiled_schema_does_not_depend_on_the_schema_document()
    {
        CompiledSchema compiled;
        using (var document = JsonDocument.Parse("""{ "properties": { "a": { "enum": ["x", 1, { "k": [true] }] } } }"""))
        {
            compiled = CompiledSchema.Compile(document.RootElement);
        }

        using var instance = JsonDocument.Parse("""{ "a": { "k": [true] } }""");
        Assert.True(compiled.IsValid(instance.RootElement));
    }

    [Fact]
    public void Validation_from_many_threads_gives_the_same_errors()
    {
        var schema = Compile(StatusSchema);
        using var instance = JsonDocument.Parse("""{ "status": "DONE", "count": -1, "communeCode": "x" }""");
        var expected = new List<SchemaError>();
        schema.Validate(instance.RootElement, "/data", expected);

        Parallel.For(0, 2000, _ =>
        {
            var errors = new List<SchemaError>();
            schema.Validate(instance.RootElement, "/data", errors);
            Assert.Equal(expected, errors);
            Assert.False(schema.IsValid(instance.RootElement));
        });
        Assert.Equal(3, expected.Count);
    }
}
