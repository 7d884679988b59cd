using System.Globalization;

namespace IntegrationHub.Core.Validation;

/// <summary>Reads RFC 3339 dates and date-times as instants; a calendar date is the start of that day in the province.</summary>
public static class Rfc3339
{
    public static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        return text.Length == 10 && DateOnly.TryParseExact(text, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || (text[10] != 'T' && text[10] != 't'))
        {
            return false;
        }

        // An offset is mandatory in RFC 3339; DateTimeOffset would otherwise assume local time.
        var last = text[^1];
        var hasOffset = last is 'Z' or 'z' || (text.Length >= 25 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>A date-time as itself, a date as 00:00 of that day at <paramref name="offset"/>.</summary>
    public static bool TryParseInstant(string text, TimeSpan offset, out DateTimeOffset value, out bool isDate)
    {
        isDate = false;
        if (TryParseDate(text, out var date))
        {
            isDate = true;
            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), offset);
            return true;
        }

        return TryParseDateTime(text, out value);
    }
}
