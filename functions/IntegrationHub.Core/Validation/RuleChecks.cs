using System.Globalization;
using System.Numerics;
using System.Text.Json;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Validation;

/// <summary>
/// The rule checks that need exact arithmetic or calendar reading: decimal places counted on the number's JSON text,
/// comparisons with a scaled right-hand side in arbitrary precision, month strings and weekdays.
/// </summary>
internal static class RuleChecks
{
    public static string? DecimalPlaces(RuleDefinition rule, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var places = CountDecimalPlaces(value.GetRawText());
        return places <= rule.Places
            ? null
            : $"must have at most {rule.Places.ToString(CultureInfo.InvariantCulture)} decimal place{(rule.Places == 1 ? "" : "s")} ({value.GetRawText()} has {places.ToString(CultureInfo.InvariantCulture)})";
    }

    /// <summary>
    /// Digits after the point of a JSON number once its exponent is applied: <c>1.25e1</c> has 1, <c>86.30</c> has 1. The
    /// exponent may have any number of digits (<c>1e+9999999999</c> is valid JSON), so it is read as a big integer and the
    /// count saturates at <see cref="int.MaxValue"/>.
    /// </summary>
    public static int CountDecimalPlaces(string json)
    {
        var e = json.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? json : json[..e];
        var exponent = e < 0 ? BigInteger.Zero : BigInteger.Parse(json.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var fraction = point < 0 ? "" : mantissa[(point + 1)..].TrimEnd('0');
        var places = fraction.Length - exponent;
        return places <= 0 ? 0 : places >= int.MaxValue ? int.MaxValue : (int)places;
    }

    public static string? Weekday(RuleDefinition rule, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || !Rfc3339.TryParseDate(value.GetString()!, out var date))
        {
            return null;
        }

        return date.DayOfWeek == rule.Day
            ? null
            : $"must be a {rule.Day} ({date:yyyy-MM-dd} is a {date.DayOfWeek})";
    }

    /// <summary>Compares <paramref name="left"/> with <paramref name="right"/> × <paramref name="factor"/> exactly, on the literals' digits.</summary>
    public static int CompareScaled(JsonElement left, JsonElement right, long factor) =>
        ExactNumber.Compare(Exact(left), Exact(right).Times(factor));

    /// <summary>Compares two JSON numbers exactly, on the literals' digits.</summary>
    public static int Compare(JsonElement left, JsonElement right) => ExactNumber.Compare(Exact(left), Exact(right));

    /// <summary><c>YYYY-MM</c> with a month 01–12.</summary>
    public static bool TryParseYearMonth(string text, out int year, out int month)
    {
        year = month = 0;
        return text.Length == 7 && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out month)
            && month is >= 1 and <= 12;
    }

    // A JsonElement of kind Number always holds a literal of the JSON grammar.
    private static ExactNumber Exact(JsonElement number) =>
        ExactNumber.TryParse(number.GetRawText(), out var value) ? value : throw new ArgumentException("not a JSON number", nameof(number));
}
