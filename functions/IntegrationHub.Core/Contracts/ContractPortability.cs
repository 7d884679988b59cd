using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Core.Contracts;

/// <summary>
/// The portability rule of the contracts (contracts/README.md, "Portable contracts"): no keyword whose result depends on
/// floating-point arithmetic or on a regular-expression dialect, so that Ajv, JsonSchema.Net, NJsonSchema, Python's
/// jsonschema and the hub read a contract alike.
/// <list type="bullet">
/// <item><c>multipleOf</c> takes a positive integer only (a decimal divisor is "at most N decimal places": the rule <c>decimalPlaces</c>).</item>
/// <item><c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c> take integers, or decimals of at most
/// 15 significant digits on a field that also has a <c>decimalPlaces</c> rule (so every accepted value is compared alike in
/// binary and decimal arithmetic).</item>
/// <item><c>pattern</c> is in <see cref="PortablePattern"/>'s subset.</item>
/// </list>
/// </summary>
public static class ContractPortability
{
    private static readonly string[] Bounds = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];

    /// <summary>Every breach of the rule in <paramref name="schema"/>, as "schema pointer: reason".</summary>
    /// <param name="dataPrefix">The event pointer of the schema's instance (<c>/data</c> for a feed schema, empty for the envelope).</param>
    public static IReadOnlyList<string> Check(JsonElement schema, IReadOnlyList<RuleDefinition> rules, string dataPrefix)
    {
        var issues = new List<string>();
        var decimalFields = rules.Where(r => r.Kind == RuleKind.DecimalPlaces).Select(r => r.Field).ToHashSet(StringComparer.Ordinal);
        Walk(schema, "", dataPrefix, decimalFields, issues);
        return issues;
    }

    private static void Walk(JsonElement schema, string pointer, string instance, HashSet<string> decimalFields, List<string> issues)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in schema.EnumerateObject())
        {
            var at = pointer + "/" + property.Name;
            var value = property.Value;
            switch (property.Name)
            {
                case "multipleOf" when value.ValueKind == JsonValueKind.Number:
                    if (!IsInteger(value) || value.GetDecimal() < 1)
                    {
                        issues.Add($"{at}: multipleOf {value.GetRawText()} is not a positive integer; its result depends on floating-point division in some validators. Use the rule decimalPlaces for decimal places.");
                    }

                    break;
                case var name when Bounds.Contains(name) && value.ValueKind == JsonValueKind.Number:
                    if (!IsInteger(value))
                    {
                        if (SignificantDigits(value.GetRawText()) > 15)
                        {
                            issues.Add($"{at}: {name} {value.GetRawText()} has more than 15 significant digits, more than a binary double holds.");
                        }
                        else if (!decimalFields.Contains(instance))
                        {
                            issues.Add($"{at}: {name} {value.GetRawText()} is not an integer and {instance} has no decimalPlaces rule: values near the bound may compare differently in binary and decimal arithmetic.");
                        }
                    }

                    break;
                case "pattern" when value.ValueKind == JsonValueKind.String:
                    if (PortablePattern.Check(value.GetString()!) is { } reason)
                    {
                        issues.Add($"{at}: pattern {value.GetString()} is not portable: {reason}");
                    }

                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    foreach (var child in value.EnumerateObject())
                    {
                        Walk(child.Value, at + "/" + Escape(child.Name), instance + "/" + Escape(child.Name), decimalFields, issues);
                    }

                    break;
                case "items" when value.ValueKind == JsonValueKind.Object:
                    Walk(value, at, instance + "/*", decimalFields, issues);
                    break;
                case "allOf" when value.ValueKind == JsonValueKind.Array:
                    var i = 0;
                    foreach (var child in value.EnumerateArray())
                    {
                        Walk(child, $"{at}/{(i++).ToString(CultureInfo.InvariantCulture)}", instance, decimalFields, issues);
                    }

                    break;
                case "if" or "then" or "else" or "additionalProperties":
                    Walk(value, at, instance, decimalFields, issues);
                    break;
            }
        }
    }

    private static bool IsInteger(JsonElement number) =>
        number.TryGetDecimal(out var d) && d == decimal.Truncate(d) && Math.Abs(d) <= 9007199254740992m;

    private static int SignificantDigits(string json)
    {
        var mantissa = json.Split('e', 'E')[0].TrimStart('-').Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        return mantissa.TrimEnd('0').Length;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
