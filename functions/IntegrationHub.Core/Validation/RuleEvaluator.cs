using System.Globalization;
using System.Text.Json;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Validation;

/// <summary>
/// Evaluates the contracts' cross-field rules. A rule whose operands are absent, null or of the wrong type
/// is skipped: the schema reports those, and one fault should give one error.
/// </summary>
public sealed class RuleEvaluator(AdminUnitRegistry adminUnits, ValidationOptions options, TimeProvider clock)
{
    /// <summary>Today's date in the province, by the hub's clock (for sunsets of contract versions).</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(options.ProvinceUtcOffset).DateTime);

    public void Evaluate(IReadOnlyList<RuleDefinition> rules, JsonElement evt, string adminCodesVersion, ICollection<ValidationError> errors)
    {
        foreach (var rule in rules)
        {
            if (!JsonPointer.TryResolve(evt, rule.Field, out var left))
            {
                continue;
            }

            var detail = rule.Kind switch
            {
                RuleKind.NotAfterNow => CheckNotAfterNow(rule, left),
                RuleKind.AdminUnitInProvince => CheckAdminUnit(left, adminCodesVersion),
                RuleKind.DecimalPlaces => RuleChecks.DecimalPlaces(rule, left),
                RuleKind.Weekday => RuleChecks.Weekday(rule, left),
                _ => CheckComparison(rule, evt, left),
            };
            if (detail is not null)
            {
                errors.Add(new ValidationError(rule.Field, rule.Message ?? detail));
            }
        }
    }

    private string? CheckComparison(RuleDefinition rule, JsonElement evt, JsonElement left)
    {
        if (!JsonPointer.TryResolve(evt, rule.Than!, out var right))
        {
            return null;
        }

        int order;
        if (left.ValueKind == JsonValueKind.Number && right.ValueKind == JsonValueKind.Number)
        {
            order = rule.Factor == 1 ? RuleChecks.Compare(left, right) : RuleChecks.CompareScaled(left, right, rule.Factor);
        }
        else if (left.ValueKind == JsonValueKind.String && right.ValueKind == JsonValueKind.String
            && Rfc3339.TryParseInstant(left.GetString()!, options.ProvinceUtcOffset, out var l, out _)
            && Rfc3339.TryParseInstant(right.GetString()!, options.ProvinceUtcOffset, out var r, out _))
        {
            order = l.CompareTo(r);
        }
        else
        {
            return null;
        }

        var holds = rule.Kind switch
        {
            RuleKind.LessThan => order < 0,
            RuleKind.LessThanOrEqual => order <= 0,
            RuleKind.GreaterThan => order > 0,
            RuleKind.GreaterThanOrEqual => order >= 0,
            _ => order == 0,
        };
        if (holds)
        {
            return null;
        }

        var relation = rule.Kind switch
        {
            RuleKind.LessThan => "less than",
            RuleKind.LessThanOrEqual => "less than or equal to",
            RuleKind.GreaterThan => "greater than",
            RuleKind.GreaterThanOrEqual => "greater than or equal to",
            _ => "equal to",
        };
        return rule.Factor == 1
            ? $"must be {relation} {rule.Than} ({left.GetRawText()} vs {right.GetRawText()})"
            : $"must be {relation} {rule.Than} × {rule.Factor.ToString(CultureInfo.InvariantCulture)} ({left.GetRawText()} vs {right.GetRawText()} × {rule.Factor.ToString(CultureInfo.InvariantCulture)})";
    }

    private string? CheckNotAfterNow(RuleDefinition rule, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var now = clock.GetUtcNow() + rule.Tolerance;
        var text = value.GetString()!;
        if (Rfc3339.TryParseDate(text, out var date))
        {
            var today = DateOnly.FromDateTime(now.ToOffset(options.ProvinceUtcOffset).DateTime);
            return date <= today ? null : $"must not be in the future (today is {today:yyyy-MM-dd} in the province)";
        }

        if (RuleChecks.TryParseYearMonth(text, out var year, out var month))
        {
            var local = now.ToOffset(options.ProvinceUtcOffset);
            return (year, month).CompareTo((local.Year, local.Month)) <= 0 ? null : $"must not be in the future (this month is {local:yyyy-MM} in the province)";
        }

        if (Rfc3339.TryParseDateTime(text, out var instant))
        {
            return instant <= now
                ? null
                : rule.Tolerance > TimeSpan.Zero
                    ? $"must not be more than {rule.Tolerance.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes in the future (hub time {clock.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ})"
                    : $"must not be in the future (hub time {clock.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ})";
        }

        return null;
    }

    private string? CheckAdminUnit(JsonElement value, string version)
    {
        if (value.ValueKind != JsonValueKind.String || !adminUnits.HasVersion(version))
        {
            return null;
        }

        var code = value.GetString()!;
        var unit = adminUnits.Find(version, code);
        if (unit is null)
        {
            return $"'{code}' is not a commune code in administrative-unit list {version}";
        }

        return unit.ProvinceCode == options.ProvinceCode
            ? null
            : $"'{code}' ({unit.CommuneName}) belongs to province {unit.ProvinceCode}, not to this hub's province {options.ProvinceCode}";
    }
}
