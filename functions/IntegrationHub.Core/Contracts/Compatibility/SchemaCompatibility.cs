using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Core.Contracts.Compatibility;

/// <summary>
/// Compares two versions of a contract's schema (and optionally its rules) and lists every change that could make a
/// record valid under the old version invalid under the new one. Conservative where containment cannot be decided
/// (a changed pattern or condition is reported): a false alarm costs a review, a missed break costs a department.
/// Annotations (<c>title</c>, <c>description</c>, <c>$comment</c>, <c>examples</c> …) never matter.
/// </summary>
public static class SchemaCompatibility
{
    private static readonly string[] LowerBounds = ["minimum", "exclusiveMinimum", "minLength", "minItems"];
    private static readonly string[] UpperBounds = ["maximum", "exclusiveMaximum", "maxLength", "maxItems"];

    public static IReadOnlyList<BreakingChange> Compare(JsonElement oldSchema, JsonElement newSchema)
    {
        var changes = new List<BreakingChange>();
        CompareNode(oldSchema, newSchema, "", changes);
        return changes;
    }

    /// <summary>Schema and rules together: a rule added breaks, unless it only restates a constraint the old schema had.</summary>
    public static IReadOnlyList<BreakingChange> Compare(JsonElement oldSchema, JsonElement newSchema, IReadOnlyList<RuleDefinition> oldRules,
        IReadOnlyList<RuleDefinition> newRules, string dataPrefix = "/data")
    {
        var changes = new List<BreakingChange>(Compare(oldSchema, newSchema));
        var restated = RestatedMultipleOf(oldSchema, dataPrefix);
        for (var i = 0; i < newRules.Count; i++)
        {
            var rule = newRules[i];
            if (oldRules.Any(old => Same(old, rule)) || oldRules.Any(old => Looser(rule, old)))
            {
                continue;
            }

            if (rule.Kind == RuleKind.DecimalPlaces && restated.TryGetValue(rule.Field, out var places) && rule.Places >= places)
            {
                continue; // the old schema's multipleOf 10^-n, moved to an exact rule: nothing valid before is refused now
            }

            changes.Add(new BreakingChange($"rules/{i.ToString(CultureInfo.InvariantCulture)}", CompatibilityRules.RuleAdded,
                $"a new rule '{Name(rule.Kind)}' on {rule.Field}{(rule.Than is null ? "" : " against " + rule.Than)} may reject records that were valid"));
        }

        return changes;
    }

    private static void CompareNode(JsonElement oldNode, JsonElement newNode, string at, List<BreakingChange> changes)
    {
        if (newNode.ValueKind == JsonValueKind.False && oldNode.ValueKind != JsonValueKind.False)
        {
            changes.Add(new BreakingChange(at, CompatibilityRules.TypeNarrowed, "the schema became false: nothing is accepted"));
            return;
        }

        if (newNode.ValueKind != JsonValueKind.Object)
        {
            return; // true or absent accepts everything
        }

        var old = oldNode.ValueKind == JsonValueKind.Object ? oldNode : default;
        var hasOld = old.ValueKind == JsonValueKind.Object;
        if (oldNode.ValueKind == JsonValueKind.False)
        {
            return;
        }

        CompareTypes(old, hasOld, newNode, at, changes);
        CompareEnum(old, hasOld, newNode, at, changes);
        if (newNode.TryGetProperty("const", out var newConst)
            && (!hasOld || !old.TryGetProperty("const", out var oldConst) || !JsonElement.DeepEquals(oldConst, newConst)))
        {
            changes.Add(new BreakingChange(at + "/const", CompatibilityRules.ConstChanged, $"const is now {newConst.GetRawText()}"));
        }

        foreach (var keyword in LowerBounds)
        {
            CompareBound(old, hasOld, newNode, keyword, at, tighterWhenGreater: true, changes);
        }

        foreach (var keyword in UpperBounds)
        {
            CompareBound(old, hasOld, newNode, keyword, at, tighterWhenGreater: false, changes);
        }

        CompareMultipleOf(old, hasOld, newNode, at, changes);
        CompareText(old, hasOld, newNode, "pattern", CompatibilityRules.PatternTightened, at, changes);
        CompareText(old, hasOld, newNode, "format", CompatibilityRules.FormatTightened, at, changes);
        CompareRequired(old, hasOld, newNode, at, changes);
        CompareProperties(old, hasOld, newNode, at, changes);

        if (newNode.TryGetProperty("items", out var newItems))
        {
            CompareNode(hasOld && old.TryGetProperty("items", out var oldItems) ? oldItems : default, newItems, at + "/items", changes);
        }

        CompareConditional(old, hasOld, newNode, at, changes);
        CompareAllOf(old, hasOld, newNode, at, changes);
    }

    private static void CompareTypes(JsonElement old, bool hasOld, JsonElement node, string at, List<BreakingChange> changes)
    {
        if (!node.TryGetProperty("type", out var newType))
        {
            return;
        }

        var newTypes = Types(newType);
        var oldTypes = hasOld && old.TryGetProperty("type", out var oldType) ? Types(oldType) : ["array", "boolean", "null", "number", "object", "string"];
        var lost = oldTypes.Where(t => !newTypes.Contains(t) && !(t == "integer" && newTypes.Contains("number"))).ToArray();
        if (lost.Length > 0)
        {
            changes.Add(new BreakingChange(at + "/type", CompatibilityRules.TypeNarrowed, $"no longer accepts {string.Join(", ", lost)}"));
        }
    }

    private static void CompareEnum(JsonElement old, bool hasOld, JsonElement node, string at, List<BreakingChange> changes)
    {
        if (!node.TryGetProperty("enum", out var newEnum) || newEnum.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        if (!hasOld || !old.TryGetProperty("enum", out var oldEnum) || oldEnum.ValueKind != JsonValueKind.Array)
        {
            changes.Add(new BreakingChange(at + "/enum", CompatibilityRules.EnumAdded, "an enum now restricts a value that was free"));
            return;
        }

        foreach (var value in oldEnum.EnumerateArray())
        {
            if (!newEnum.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
            {
                changes.Add(new BreakingChange(at + "/enum", CompatibilityRules.EnumValueRemoved, $"{value.GetRawText()} is no longer allowed"));
            }
        }
    }

    private static void CompareBound(JsonElement old, bool hasOld, JsonElement node, string keyword, string at, bool tighterWhenGreater, List<BreakingChange> changes)
    {
        if (!node.TryGetProperty(keyword, out var newBound) || newBound.ValueKind != JsonValueKind.Number)
        {
            return;
        }

        var value = newBound.GetDecimal();
        if (!hasOld || !old.TryGetProperty(keyword, out var oldBound) || oldBound.ValueKind != JsonValueKind.Number)
        {
            // An exclusive bound replacing an inclusive one (or the reverse) is compared with its counterpart.
            var counterpart = keyword switch { "minimum" => "exclusiveMinimum", "exclusiveMinimum" => "minimum", "maximum" => "exclusiveMaximum", "exclusiveMaximum" => "maximum", _ => null };
            if (hasOld && counterpart is not null && old.TryGetProperty(counterpart, out var other) && other.ValueKind == JsonValueKind.Number)
            {
                var was = other.GetDecimal();
                var exclusiveNow = keyword.StartsWith("exclusive", StringComparison.Ordinal);
                var tighter = tighterWhenGreater ? value > was || (value == was && exclusiveNow) : value < was || (value == was && exclusiveNow);
                if (tighter)
                {
                    changes.Add(new BreakingChange($"{at}/{keyword}", CompatibilityRules.BoundTightened, $"{counterpart} {other.GetRawText()} became {keyword} {newBound.GetRawText()}"));
                }

                return;
            }

            changes.Add(new BreakingChange($"{at}/{keyword}", CompatibilityRules.BoundTightened, $"a new bound {keyword} {newBound.GetRawText()}"));
            return;
        }

        var previous = oldBound.GetDecimal();
        if (tighterWhenGreater ? value > previous : value < previous)
        {
            changes.Add(new BreakingChange($"{at}/{keyword}", CompatibilityRules.BoundTightened, $"{keyword} {oldBound.GetRawText()} became {newBound.GetRawText()}"));
        }
    }

    private static void CompareMultipleOf(JsonElement old, bool hasOld, JsonElement node, string at, List<BreakingChange> changes)
    {
        if (!node.TryGetProperty("multipleOf", out var newDivisor) || newDivisor.ValueKind != JsonValueKind.Number)
        {
            return;
        }

        var divisor = newDivisor.GetDecimal();
        if (!hasOld || !old.TryGetProperty("multipleOf", out var oldDivisor) || oldDivisor.GetDecimal() % divisor != 0)
        {
            changes.Add(new BreakingChange(at + "/multipleOf", CompatibilityRules.BoundTightened, $"multipleOf {newDivisor.GetRawText()} refuses values the old version accepted"));
        }
    }

    private static void CompareText(JsonElement old, bool hasOld, JsonElement node, string keyword, string rule, string at, List<BreakingChange> changes)
    {
        if (!node.TryGetProperty(keyword, out var now))
        {
            return;
        }

        if (!hasOld || !old.TryGetProperty(keyword, out var was))
        {
            changes.Add(new BreakingChange($"{at}/{keyword}", rule, $"a new {keyword} {now.GetRawText()}"));
        }
        else if (!JsonElement.DeepEquals(was, now))
        {
            changes.Add(new BreakingChange($"{at}/{keyword}", rule, $"{keyword} {was.GetRawText()} became {now.GetRawText()} (a changed {keyword} is treated as tightened)"));
        }
    }

    private static void CompareRequired(JsonElement old, bool hasOld, JsonElement node, string at, List<BreakingChange> changes)
    {
        if (!node.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var before = hasOld && old.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var name in required.EnumerateArray().Select(e => e.GetString()!).Where(n => !before.Contains(n)))
        {
            changes.Add(new BreakingChange($"{at}/required", CompatibilityRules.RequiredAdded, $"'{name}' is now required"));
        }
    }

    private static void CompareProperties(JsonElement old, bool hasOld, JsonElement node, string at, List<BreakingChange> changes)
    {
        var oldProperties = hasOld && old.TryGetProperty("properties", out var op) && op.ValueKind == JsonValueKind.Object ? op : default;
        var newProperties = node.TryGetProperty("properties", out var np) && np.ValueKind == JsonValueKind.Object ? np : default;
        var oldClosed = hasOld && old.TryGetProperty("additionalProperties", out var oa) && oa.ValueKind == JsonValueKind.False;
        var newClosed = node.TryGetProperty("additionalProperties", out var na) && na.ValueKind == JsonValueKind.False;
        if (newClosed && !oldClosed)
        {
            changes.Add(new BreakingChange(at + "/additionalProperties", CompatibilityRules.AdditionalPropertiesClosed, "properties not listed are no longer accepted"));
        }

        if (newClosed && oldProperties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in oldProperties.EnumerateObject())
            {
                if (newProperties.ValueKind != JsonValueKind.Object || !newProperties.TryGetProperty(property.Name, out _))
                {
                    changes.Add(new BreakingChange($"{at}/properties/{Escape(property.Name)}", CompatibilityRules.PropertyRemoved,
                        $"'{property.Name}' was removed while additional properties are closed"));
                }
            }
        }

        if (newProperties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in newProperties.EnumerateObject())
        {
            var pointer = $"{at}/properties/{Escape(property.Name)}";
            if (oldProperties.ValueKind == JsonValueKind.Object && oldProperties.TryGetProperty(property.Name, out var before))
            {
                CompareNode(before, property.Value, pointer, changes);
            }
            else if (!oldClosed && Constrains(property.Value))
            {
                // Under an open schema the property could hold anything before.
                changes.Add(new BreakingChange(pointer, CompatibilityRules.PropertyConstrained, $"'{property.Name}' was free (additional properties were open) and is now constrained"));
            }
        }
    }

    private static void CompareConditional(JsonElement old, bool hasOld, JsonElement node, string at, List<BreakingChange> changes)
    {
        var hasIf = node.TryGetProperty("if", out var newIf);
        if (!hasIf)
        {
            return;
        }

        if (!hasOld || !old.TryGetProperty("if", out var oldIf) || !JsonElement.DeepEquals(oldIf, newIf))
        {
            if (node.TryGetProperty("then", out _) || node.TryGetProperty("else", out _))
            {
                changes.Add(new BreakingChange(at + "/if", CompatibilityRules.ConditionChanged, "a new or changed condition (if/then/else) may reject records that were valid"));
            }

            return;
        }

        foreach (var branch in new[] { "then", "else" })
        {
            if (node.TryGetProperty(branch, out var newBranch))
            {
                CompareNode(old.TryGetProperty(branch, out var oldBranch) ? oldBranch : default, newBranch, $"{at}/{branch}", changes);
            }
        }
    }

    private static void CompareAllOf(JsonElement old, bool hasOld, JsonElement node, string at, List<BreakingChange> changes)
    {
        if (!node.TryGetProperty("allOf", out var newAll) || newAll.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var oldAll = hasOld && old.TryGetProperty("allOf", out var oa) && oa.ValueKind == JsonValueKind.Array ? oa.EnumerateArray().ToList() : [];
        var i = 0;
        foreach (var part in newAll.EnumerateArray())
        {
            var pointer = $"{at}/allOf/{(i++).ToString(CultureInfo.InvariantCulture)}";
            if (oldAll.Any(o => JsonElement.DeepEquals(o, part)))
            {
                continue;
            }

            // The same condition may have been edited in place; compare with the old part that has the same 'if'.
            var counterpart = oldAll.FirstOrDefault(o => part.TryGetProperty("if", out var pi) && o.TryGetProperty("if", out var oi) && JsonElement.DeepEquals(pi, oi));
            if (counterpart.ValueKind == JsonValueKind.Object)
            {
                CompareNode(counterpart, part, pointer, changes);
            }
            else if (Constrains(part))
            {
                changes.Add(new BreakingChange(pointer, CompatibilityRules.SubschemaAdded, "a new allOf part adds constraints"));
            }
        }
    }

    private static HashSet<string> Types(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal) : [type.GetString()!];

    private static bool Constrains(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.False
        || (schema.ValueKind == JsonValueKind.Object && schema.EnumerateObject().Any(p => !SchemaAnnotations.Contains(p.Name)));

    private static readonly HashSet<string> SchemaAnnotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "default", "examples",
    };

    private static Dictionary<string, int> RestatedMultipleOf(JsonElement schema, string prefix)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("multipleOf", out var divisor)
                    && divisor.ValueKind == JsonValueKind.Number && PowerOfTenPlaces(divisor.GetDecimal()) is { } places)
                {
                    found[$"{prefix}/{Escape(property.Name)}"] = places;
                }
            }
        }

        return found;
    }

    private static int? PowerOfTenPlaces(decimal divisor)
    {
        for (var places = 0; places <= 20; places++)
        {
            if (divisor == 1m / Pow10(places))
            {
                return places;
            }
        }

        return null;
    }

    private static decimal Pow10(int n)
    {
        var value = 1m;
        for (var i = 0; i < n; i++)
        {
            value *= 10;
        }

        return value;
    }

    private static bool Same(RuleDefinition a, RuleDefinition b) =>
        a.Kind == b.Kind && a.Field == b.Field && a.Than == b.Than && a.Tolerance == b.Tolerance && a.Factor == b.Factor && a.Places == b.Places && a.Day == b.Day;

    /// <summary>Whether <paramref name="now"/> refuses no more than <paramref name="before"/> did (a loosened rule).</summary>
    private static bool Looser(RuleDefinition now, RuleDefinition before) =>
        now.Kind == before.Kind && now.Field == before.Field && now.Than == before.Than && now.Day == before.Day && now.Kind switch
        {
            RuleKind.DecimalPlaces => now.Places >= before.Places,
            RuleKind.NotAfterNow => now.Tolerance >= before.Tolerance,
            RuleKind.LessThan or RuleKind.LessThanOrEqual => now.Factor >= before.Factor && now.Tolerance == before.Tolerance,
            _ => false,
        };

    private static string Name(RuleKind kind) => RuleDefinition.Names.First(n => n.Value == kind).Key;

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
