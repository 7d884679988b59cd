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

    /// <summary>
    /// Parses <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)</c> by hand: rules compare several date-times per record, and the
    /// general-purpose parser costs microseconds each. A leap second (:60) is not representable and is not parsed.
    /// </summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan();
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && s[i] is >= '0' and <= '9')
            {
                scale /= 10;
                fractionTicks += (s[i] - '0') * scale;
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        TimeSpan offset;
        if (i == s.Length - 1 && (s[i] == 'Z' || s[i] == 'z'))
        {
            offset = TimeSpan.Zero;
        }
        else if (i == s.Length - 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':'
            && Digits(s, i + 1, 2, out var offsetHours) && Digits(s, i + 4, 2, out var offsetMinutes) && offsetHours <= 23 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (s[i] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        try
        {
            value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(fractionTicks), offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // the instant falls outside DateTimeOffset's range (e.g. 0001-01-01T00:00:00+01:00)
        }
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
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
