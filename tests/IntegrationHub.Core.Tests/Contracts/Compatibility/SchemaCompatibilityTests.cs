using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Contracts.Compatibility;

namespace IntegrationHub.Core.Tests.Contracts.Compatibility;

/// <summary>The compatibility comparer, case by case: a schema before, a schema after, the expected verdict (pointer and rule, or none).</summary>
public class SchemaCompatibilityTests
{
    private const string Base = """
        {"type":"object","additionalProperties":false,"required":["code","count"],
         "properties":{
           "code":{"type":"string","pattern":"^[0-9]{5}$"},
           "count":{"type":"integer","minimum":0,"maximum":100},
           "kind":{"type":"string","enum":["A","B"]},
           "at":{"type":["string","null"],"format":"date-time"},
           "fixed":{"const":"X"},
           "tags":{"type":"array","items":{"type":"string","maxLength":10},"maxItems":5}},
         "if":{"properties":{"kind":{"const":"A"}},"required":["kind"]},
         "then":{"required":["at"]}}
        """;

    public static TheoryData<string, string, string?, string?> Cases() => new()
    {
        // name, edit applied to Base (JSON merge of a fragment at a pointer), expected pointer, expected rule
        { "identical", "", null, null },
        { "description changed", """{"/properties/code/description":"the commune"}""", null, null },
        { "optional property added", """{"/properties/note":{"type":"string"}}""", null, null },
        { "enum widened", """{"/properties/kind/enum":["A","B","C"]}""", null, null },
        { "maximum loosened", """{"/properties/count/maximum":1000}""", null, null },
        { "minimum removed", """{"/properties/count/minimum":null}""", null, null },
        { "type widened to number", """{"/properties/count/type":"number"}""", null, null },
        { "type widened to nullable", """{"/properties/code/type":["string","null"]}""", null, null },
        { "pattern removed", """{"/properties/code/pattern":null}""", null, null },
        { "required property made optional", """{"/required":["code"]}""", null, null },
        { "additional properties opened", """{"/additionalProperties":null}""", null, null },
        { "maxItems loosened", """{"/properties/tags/maxItems":50}""", null, null },
        { "new required property", """{"/required":["code","count","kind"]}""", "/required", CompatibilityRules.RequiredAdded },
        { "property removed while closed", """{"/properties/kind":null}""", "/properties/kind", CompatibilityRules.PropertyRemoved },
        { "null no longer accepted", """{"/properties/at/type":"string"}""", "/properties/at/type", CompatibilityRules.TypeNarrowed },
        { "type changed", """{"/properties/count/type":"string"}""", "/properties/count/type", CompatibilityRules.TypeNarrowed },
        { "enum value removed", """{"/properties/kind/enum":["A"]}""", "/properties/kind/enum", CompatibilityRules.EnumValueRemoved },
        { "enum added", """{"/properties/code/enum":["04795"]}""", "/properties/code/enum", CompatibilityRules.EnumAdded },
        { "maximum tightened", """{"/properties/count/maximum":99}""", "/properties/count/maximum", CompatibilityRules.BoundTightened },
        { "minimum tightened", """{"/properties/count/minimum":1}""", "/properties/count/minimum", CompatibilityRules.BoundTightened },
        { "inclusive bound made exclusive", """{"/properties/count/minimum":null,"/properties/count/exclusiveMinimum":0}""", "/properties/count/exclusiveMinimum", CompatibilityRules.BoundTightened },
        { "exclusive bound below the old inclusive one", """{"/properties/count/minimum":null,"/properties/count/exclusiveMinimum":-1}""", null, null },
        { "maxLength in items tightened", """{"/properties/tags/items/maxLength":8}""", "/properties/tags/items/maxLength", CompatibilityRules.BoundTightened },
        { "new minLength", """{"/properties/code/minLength":5}""", "/properties/code/minLength", CompatibilityRules.BoundTightened },
        { "multipleOf added", """{"/properties/count/multipleOf":5}""", "/properties/count/multipleOf", CompatibilityRules.BoundTightened },
        { "pattern changed", """{"/properties/code/pattern":"^[0-9]{4,5}$"}""", "/properties/code/pattern", CompatibilityRules.PatternTightened },
        { "pattern added", """{"/properties/at/pattern":"^[0-9]"}""", "/properties/at/pattern", CompatibilityRules.PatternTightened },
        { "format added", """{"/properties/code/format":"date"}""", "/properties/code/format", CompatibilityRules.FormatTightened },
        { "const changed", """{"/properties/fixed/const":"Y"}""", "/properties/fixed/const", CompatibilityRules.ConstChanged },
        { "const added", """{"/properties/kind/const":"A"}""", "/properties/kind/const", CompatibilityRules.ConstChanged },
        { "additional properties closed", """{"/properties/tags/additionalProperties":false,"/properties/tags/type":"array"}""", "/properties/tags/additionalProperties", CompatibilityRules.AdditionalPropertiesClosed },
        { "then requires more", """{"/then/required":["at","tags"]}""", "/then/required", CompatibilityRules.RequiredAdded },
        { "condition changed", """{"/if/properties/kind/const":"B"}""", "/if", CompatibilityRules.ConditionChanged },
        { "allOf part added", """{"/allOf":[{"if":{"properties":{"kind":{"const":"B"}}},"then":{"required":["tags"]}}]}""", "/allOf/0", CompatibilityRules.SubschemaAdded },
        { "property schema becomes false", """{"/properties/tags":false}""", "/properties/tags", CompatibilityRules.TypeNarrowed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_change_gets_its_verdict(string name, string edit, string? pointer, string? rule)
    {
        using var before = JsonDocument.Parse(Base);
        using var after = JsonDocument.Parse(Apply(Base, edit));

        var changes = SchemaCompatibility.Compare(before.RootElement, after.RootElement);

        if (pointer is null)
        {
            Assert.True(changes.Count == 0, $"{name}: {string.Join("; ", changes)}");
        }
        else
        {
            var change = Assert.Single(changes);
            Assert.Equal((pointer, rule), (change.Pointer, change.Rule));
            Assert.False(string.IsNullOrWhiteSpace(change.Detail));
        }
    }

    [Fact]
    public void A_property_added_to_an_open_schema_with_constraints_breaks()
    {
        using var before = JsonDocument.Parse("""{"type":"object","properties":{}}""");
        using var after = JsonDocument.Parse("""{"type":"object","properties":{"x":{"type":"integer"},"y":{"description":"free"}}}""");
        var change = Assert.Single(SchemaCompatibility.Compare(before.RootElement, after.RootElement));
        Assert.Equal(("/properties/x", CompatibilityRules.PropertyConstrained), (change.Pointer, change.Rule));
    }

    [Fact]
    public void Several_breaks_are_all_reported()
    {
        using var before = JsonDocument.Parse(Base);
        using var after = JsonDocument.Parse(Apply(Base, """{"/properties/kind/enum":["A"],"/properties/count/maximum":10,"/required":["code","count","at"]}"""));
        Assert.Equal(["/properties/count/maximum", "/properties/kind/enum", "/required"],
            SchemaCompatibility.Compare(before.RootElement, after.RootElement).Select(c => c.Pointer).Order(StringComparer.Ordinal));
    }

    private static RuleDefinition Rule(RuleKind kind, string field, string? than = null) => new(kind, field, than, TimeSpan.Zero, null);

    public static TheoryData<string, RuleDefinition[], RuleDefinition[], bool> RuleCases() => new()
    {
        { "same rules", [Rule(RuleKind.LessThanOrEqual, "/data/a", "/data/b")], [Rule(RuleKind.LessThanOrEqual, "/data/a", "/data/b")], true },
        { "rule removed", [Rule(RuleKind.LessThanOrEqual, "/data/a", "/data/b")], [], true },
        { "rule added", [], [Rule(RuleKind.NotAfterNow, "/data/a")], false },
        { "comparison changed", [Rule(RuleKind.LessThanOrEqual, "/data/a", "/data/b")], [Rule(RuleKind.LessThan, "/data/a", "/data/b")], false },
        { "factor raised", [Rule(RuleKind.LessThanOrEqual, "/data/a", "/data/b") with { Factor = 10 }], [Rule(RuleKind.LessThanOrEqual, "/data/a", "/data/b") with { Factor = 20 }], true },
        { "factor lowered", [Rule(RuleKind.LessThanOrEqual, "/data/a", "/data/b") with { Factor = 20 }], [Rule(RuleKind.LessThanOrEqual, "/data/a", "/data/b") with { Factor = 10 }], false },
        { "more decimal places", [Rule(RuleKind.DecimalPlaces, "/data/a") with { Places = 1 }], [Rule(RuleKind.DecimalPlaces, "/data/a") with { Places = 2 }], true },
        { "fewer decimal places", [Rule(RuleKind.DecimalPlaces, "/data/a") with { Places = 2 }], [Rule(RuleKind.DecimalPlaces, "/data/a") with { Places = 1 }], false },
        { "tolerance widened", [Rule(RuleKind.NotAfterNow, "/time") with { Tolerance = TimeSpan.FromMinutes(5) }], [Rule(RuleKind.NotAfterNow, "/time") with { Tolerance = TimeSpan.FromMinutes(10) }], true },
    };

    [Theory]
    [MemberData(nameof(RuleCases))]
    public void Each_rule_change_gets_its_verdict(string name, RuleDefinition[] before, RuleDefinition[] after, bool compatible)
    {
        using var schema = JsonDocument.Parse("""{"type":"object"}""");
        var changes = SchemaCompatibility.Compare(schema.RootElement, schema.RootElement, before, after);
        Assert.True(compatible == (changes.Count == 0), $"{name}: {string.Join("; ", changes)}");
        Assert.All(changes, c => Assert.Equal((CompatibilityRules.RuleAdded, "rules/0"), (c.Rule, c.Pointer)));
    }

    [Fact]
    public void A_decimal_multiple_of_moved_to_a_decimal_places_rule_is_compatible_and_fewer_places_is_not()
    {
        using var before = JsonDocument.Parse("""{"properties":{"areaM2":{"type":"number","multipleOf":0.1}}}""");
        using var after = JsonDocument.Parse("""{"properties":{"areaM2":{"type":"number"}}}""");
        var one = Rule(RuleKind.DecimalPlaces, "/data/areaM2") with { Places = 1 };
        var zero = Rule(RuleKind.DecimalPlaces, "/data/areaM2") with { Places = 0 };

        Assert.Empty(SchemaCompatibility.Compare(before.RootElement, after.RootElement, [], [one]));
        Assert.Single(SchemaCompatibility.Compare(before.RootElement, after.RootElement, [], [zero]));
    }

    /// <summary>Applies {"pointer": value} edits to a JSON document; a null value removes the member.</summary>
    private static string Apply(string json, string edit)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        if (edit.Length == 0)
        {
            return json;
        }

        foreach (var (pointer, value) in System.Text.Json.Nodes.JsonNode.Parse(edit)!.AsObject())
        {
            var parts = pointer.Split('/')[1..];
            var node = root;
            foreach (var part in parts[..^1])
            {
                node = node[part] ??= new System.Text.Json.Nodes.JsonObject();
            }

            if (value is null)
            {
                node.AsObject().Remove(parts[^1]);
            }
            else
            {
                node[parts[^1]] = value.DeepClone();
            }
        }

        return root.ToJsonString();
    }
}
