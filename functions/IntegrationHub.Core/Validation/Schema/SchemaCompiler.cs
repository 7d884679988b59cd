using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>Turns a schema document into <see cref="SchemaNode"/>s, refusing anything outside the profile.</summary>
internal static class SchemaCompiler
{
    /// <summary>Nesting limit for subschemas; it also bounds the recursion when validating.</summary>
    public const int MaxDepth = 64;

    private static readonly (string Name, InstanceTypes Type)[] TypeNames =
    [
        ("null", InstanceTypes.Null),
        ("boolean", InstanceTypes.Boolean),
        ("object", InstanceTypes.Object),
        ("array", InstanceTypes.Array),
        ("number", InstanceTypes.Number),
        ("string", InstanceTypes.String),
        ("integer", InstanceTypes.Integer),
    ];

    public static SchemaNode Compile(JsonElement schema) => CompileSchema(schema, string.Empty, string.Empty, 0);

    private static SchemaNode CompileSchema(JsonElement schema, string pointer, string parentKeyword, int depth)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return SchemaNode.True;
            case JsonValueKind.False:
                return SchemaNode.False;
            case JsonValueKind.Object:
                break;
            default:
                throw new SchemaCompileException(parentKeyword, pointer, "must hold a schema (an object or a boolean)");
        }

        if (depth > MaxDepth)
        {
            throw new SchemaCompileException(parentKeyword, pointer, $"nests subschemas deeper than {MaxDepth} levels");
        }

        var node = new SchemaNode();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        JsonElement? properties = null;
        string? propertiesPointer = null;
        JsonElement? required = null;
        string? requiredPointer = null;

        foreach (var keyword in schema.EnumerateObject())
        {
            var name = JsonText.GetName(keyword);
            var at = pointer + "/" + JsonPointer.Escape(name);
            if (!SchemaProfile.Keywords.Contains(name))
            {
                throw new SchemaCompileException(name, at, "is not in the contracts' schema profile (contracts/README.md)");
            }

            if (!seen.Add(name))
            {
                throw new SchemaCompileException(name, at, "appears twice in the same schema");
            }

            var value = keyword.Value;
            switch (name)
            {
                case "type":
                    (node.Types, node.TypeDetail) = CompileType(value, name, at);
                    break;
                case "enum":
                    (node.Enum, node.EnumDetail) = CompileEnum(value, name, at);
                    break;
                case "const":
                    node.Const = CompileConstant(value, name, at);
                    break;
                case "required":
                    required = value;
                    requiredPointer = at;
                    break;
                case "properties":
                    properties = value;
                    propertiesPointer = at;
                    break;
                case "additionalProperties":
                    node.AdditionalProperties = CompileSchema(value, at, name, depth + 1);
                    break;
                case "minimum":
                    node.Minimum = CompileNumber(value, name, at);
                    break;
                case "maximum":
                    node.Maximum = CompileNumber(value, name, at);
                    break;
                case "exclusiveMinimum":
                    node.ExclusiveMinimum = CompileNumber(value, name, at);
                    break;
                case "exclusiveMaximum":
                    node.ExclusiveMaximum = CompileNumber(value, name, at);
                    break;
                case "multipleOf":
                    node.MultipleOf = CompileNumber(value, name, at);
                    if (node.MultipleOf.Negative || node.MultipleOf.IsZero)
                    {
                        throw new SchemaCompileException(name, at, "must be a number greater than 0");
                    }

                    break;
                case "minLength":
                    node.MinLength = CompileCount(value, name, at);
                    break;
                case "maxLength":
                    node.MaxLength = CompileCount(value, name, at);
                    break;
                case "minItems":
                    node.MinItems = CompileCount(value, name, at);
                    break;
                case "maxItems":
                    node.MaxItems = CompileCount(value, name, at);
                    break;
                case "pattern":
                    node.Pattern = CompilePattern(value, name, at);
                    break;
                case "format":
                    node.Format = RequireString(value, name, at) switch
                    {
                        "date" => AssertedFormat.Date,
                        "date-time" => AssertedFormat.DateTime,
                        _ => AssertedFormat.None,
                    };
                    break;
                case "items":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        node.ItemsTuple = CompileSchemaArray(value, name, at, depth, allowEmpty: true);
                    }
                    else
                    {
                        node.Items = CompileSchema(value, at, name, depth + 1);
                    }

                    break;
                case "allOf":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw new SchemaCompileException(name, at, "must be a non-empty array of schemas");
                    }

                    node.AllOf = CompileSchemaArray(value, name, at, depth, allowEmpty: false);
                    break;
                case "if":
                    node.If = CompileSchema(value, at, name, depth + 1);
                    break;
                case "then":
                    node.Then = CompileSchema(value, at, name, depth + 1);
                    break;
                case "else":
                    node.Else = CompileSchema(value, at, name, depth + 1);
                    break;
                case "$schema" or "$id" or "$comment" or "title" or "description":
                    RequireString(value, name, at);
                    break;
                case "examples":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw new SchemaCompileException(name, at, "must be an array");
                    }

                    break;
                default:
                    // "default": any value, no effect on validation.
                    break;
            }
        }

        CompileObjectKeywords(node, properties, propertiesPointer, required, requiredPointer, depth);
        node.Complete();
        return node;
    }

    private static void CompileObjectKeywords(SchemaNode node, JsonElement? properties, string? propertiesPointer, JsonElement? required, string? requiredPointer, int depth)
    {
        if (properties is null && required is null)
        {
            return;
        }

        var entries = new List<PropertyEntry>();
        var byName = new Dictionary<string, PropertyEntry>(StringComparer.Ordinal);
        if (properties is { } propertiesValue)
        {
            if (propertiesValue.ValueKind != JsonValueKind.Object)
            {
                throw new SchemaCompileException("properties", propertiesPointer!, "must be an object whose values are schemas");
            }

            foreach (var property in propertiesValue.EnumerateObject())
            {
                var name = JsonText.GetName(property);
                var at = propertiesPointer + "/" + JsonPointer.Escape(name);
                if (byName.ContainsKey(name))
                {
                    throw new SchemaCompileException("properties", at, "names the same property twice");
                }

                var entry = new PropertyEntry(entries.Count, name, Encoding.UTF8.GetBytes(name), CompileSchema(property.Value, at, "properties", depth + 1));
                entries.Add(entry);
                byName.Add(name, entry);
            }
        }

        if (required is { } requiredValue)
        {
            if (requiredValue.ValueKind != JsonValueKind.Array)
            {
                throw new SchemaCompileException("required", requiredPointer!, "must be an array of unique strings");
            }

            var requiredEntries = new List<PropertyEntry>();
            var index = 0;
            foreach (var item in requiredValue.EnumerateArray())
            {
                var at = requiredPointer + "/" + index++;
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new SchemaCompileException("required", at, "must be a string");
                }

                var name = JsonText.GetString(item);
                if (!byName.TryGetValue(name, out var entry))
                {
                    entry = new PropertyEntry(entries.Count, name, Encoding.UTF8.GetBytes(name), null);
                    entries.Add(entry);
                    byName.Add(name, entry);
                }

                if (entry.RequiredSlot >= 0)
                {
                    throw new SchemaCompileException("required", at, $"lists '{name}' twice");
                }

                entry.RequiredSlot = requiredEntries.Count;
                requiredEntries.Add(entry);
            }

            node.Required = requiredEntries.Count == 0 ? null : requiredEntries.ToArray();
        }

        node.Properties = entries.Count == 0 ? null : new PropertyTable(entries);
    }

    private static SchemaNode[] CompileSchemaArray(JsonElement value, string keyword, string pointer, int depth, bool allowEmpty)
    {
        var schemas = new SchemaNode[value.GetArrayLength()];
        if (schemas.Length == 0 && !allowEmpty)
        {
            throw new SchemaCompileException(keyword, pointer, "must be a non-empty array of schemas");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            schemas[index] = CompileSchema(item, pointer + "/" + index, keyword, depth + 1);
            index++;
        }

        return schemas;
    }

    private static (InstanceTypes Types, string Detail) CompileType(JsonElement value, string keyword, string pointer)
    {
        var names = new List<string>();
        var types = InstanceTypes.None;
        if (value.ValueKind == JsonValueKind.String)
        {
            types = ParseTypeName(JsonText.GetString(value), keyword, pointer);
            names.Add(JsonText.GetString(value));
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var at = pointer + "/" + index++;
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new SchemaCompileException(keyword, at, "must be a type name");
                }

                var name = JsonText.GetString(item);
                var type = ParseTypeName(name, keyword, at);
                if ((types & type) != 0)
                {
                    throw new SchemaCompileException(keyword, at, $"lists '{name}' twice");
                }

                types |= type;
                names.Add(name);
            }
        }
        else
        {
            throw new SchemaCompileException(keyword, pointer, "must be a type name or a non-empty array of type names");
        }

        return (types, "must be of type " + JoinAlternatives(names));
    }

    private static InstanceTypes ParseTypeName(string name, string keyword, string pointer)
    {
        foreach (var (typeName, type) in TypeNames)
        {
            if (typeName == name)
            {
                return type;
            }
        }

        throw new SchemaCompileException(keyword, pointer, $"names an unknown type '{name}'");
    }

    private static string JoinAlternatives(List<string> names) => names.Count switch
    {
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
    };

    private static (ConstantValue[] Values, string Detail) CompileEnum(JsonElement value, string keyword, string pointer)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new SchemaCompileException(keyword, pointer, "must be an array");
        }

        var values = new ConstantValue[value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            values[index] = CompileConstant(item, keyword, pointer + "/" + index);
            index++;
        }

        var detail = values.Length == 0
            ? "must be one of an empty list of values"
            : "must be one of: " + string.Join(", ", values.Select(v => v.Display));
        return (values, detail);
    }

    private static ConstantValue CompileConstant(JsonElement value, string keyword, string pointer)
    {
        try
        {
            return ConstantValue.FromElement(value);
        }
        catch (FormatException e)
        {
            throw new SchemaCompileException(keyword, pointer, e.Message, e);
        }
    }

    private static SchemaNumber CompileNumber(JsonElement value, string keyword, string pointer)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new SchemaCompileException(keyword, pointer, "must be a number");
        }

        return SchemaNumber.FromElement(value);
    }

    private static long CompileCount(JsonElement value, string keyword, string pointer)
    {
        var count = value.ValueKind == JsonValueKind.Number ? SchemaNumber.FromElement(value).ToCount() : null;
        return count ?? throw new SchemaCompileException(keyword, pointer, "must be a non-negative integer");
    }

    private static CompiledPattern CompilePattern(JsonElement value, string keyword, string pointer)
    {
        var source = RequireString(value, keyword, pointer);
        try
        {
            return CompiledPattern.Create(source);
        }
        catch (FormatException e)
        {
            throw new SchemaCompileException(keyword, pointer, $"is not a supported ECMA-262 pattern: {e.Message}", e);
        }
    }

    private static string RequireString(JsonElement value, string keyword, string pointer) =>
        value.ValueKind == JsonValueKind.String
            ? JsonText.GetString(value)
            : throw new SchemaCompileException(keyword, pointer, "must be a string");
}
