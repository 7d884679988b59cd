using System.Collections.Frozen;
using System.Text.Json;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// The draft-07 keywords contracts may use (contracts/README.md, "Schema profile"): validation keywords the
/// validator enforces, and annotations that have no effect on validation.
/// </summary>
public static class SchemaProfile
{
    private const int MaxWalkDepth = 256;

    /// <summary>Every keyword allowed in a contract schema.</summary>
    public static IReadOnlySet<string> Keywords { get; } = new[]
    {
        "type", "enum", "const", "required", "properties", "additionalProperties",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minLength", "maxLength", "pattern", "format",
        "items", "minItems", "maxItems",
        "if", "then", "else", "allOf",
        "$schema", "$id", "$comment", "title", "description", "default", "examples",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Schema pointers of every keyword outside the profile, e.g. "/properties/a/patternProperties".
    /// Subschemas are followed through the profile's applicators only; values of <c>enum</c>, <c>const</c>,
    /// <c>default</c> and <c>examples</c> are data, not schemas.
    /// </summary>
    public static IReadOnlyList<string> FindOutOfProfileKeywords(JsonElement schema)
    {
        var found = new List<string>();
        Walk(schema, string.Empty, found, 0);
        return found;
    }

    private static void Walk(JsonElement schema, string pointer, List<string> found, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxWalkDepth)
        {
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var name = JsonText.GetName(keyword);
            var keywordPointer = pointer + "/" + JsonPointer.Escape(name);
            if (!Keywords.Contains(name))
            {
                found.Add(keywordPointer);
                continue;
            }

            var value = keyword.Value;
            switch (name)
            {
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    foreach (var property in value.EnumerateObject())
                    {
                        Walk(property.Value, keywordPointer + "/" + JsonPointer.Escape(JsonText.GetName(property)), found, depth + 1);
                    }

                    break;
                case "items" or "allOf" when value.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Walk(item, keywordPointer + "/" + index++, found, depth + 1);
                    }

                    break;
                case "items" or "additionalProperties" or "if" or "then" or "else":
                    Walk(value, keywordPointer, found, depth + 1);
                    break;
            }
        }
    }
}
