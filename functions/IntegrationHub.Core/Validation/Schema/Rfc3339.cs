namespace IntegrationHub.Core.Validation.Schema;

/// <summary>RFC 3339 full-date and date-time, checked on UTF-8 bytes (so only ASCII digits qualify).</summary>
internal static class Rfc3339
{
    /// <summary><c>YYYY-MM-DD</c> with a real calendar day.</summary>
    public static bool IsFullDate(ReadOnlySpan<byte> s) => s.Length == 10 && TryParseDate(s);

    /// <summary>
    /// <c>full-date "T" hh:mm:ss[.frac] (Z | ±hh:mm)</c>, T and Z case-insensitive. Second 60 is accepted only
    /// at 23:59 UTC, i.e. after the offset is applied.
    /// </summary>
    public static bool IsDateTime(ReadOnlySpan<byte> s)
    {
        if (s.Length < 20 || !TryParseDate(s[..10]) || (s[10] != (byte)'T' && s[10] != (byte)'t'))
        {
            return false;
        }

        if (!TryTwoDigits(s, 11, out var hour) || s[13] != (byte)':'
            || !TryTwoDigits(s, 14, out var minute) || s[16] != (byte)':'
            || !TryTwoDigits(s, 17, out var second))
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var i = 19;
        if (s[i] == (byte)'.')
        {
            i++;
            var start = i;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        var offsetMinutes = 0;
        if (s[i] == (byte)'Z' || s[i] == (byte)'z')
        {
            i++;
        }
        else if (s[i] == (byte)'+' || s[i] == (byte)'-')
        {
            var sign = s[i] == (byte)'-' ? -1 : 1;
            if (s.Length - i != 6 || !TryTwoDigits(s, i + 1, out var offsetHour) || s[i + 3] != (byte)':'
                || !TryTwoDigits(s, i + 4, out var offsetMinute) || offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offsetMinutes = sign * ((offsetHour * 60) + offsetMinute);
            i += 6;
        }
        else
        {
            return false;
        }

        if (i != s.Length)
        {
            return false;
        }

        if (second == 60)
        {
            var utcMinutes = (((hour * 60) + minute - offsetMinutes) % 1440 + 1440) % 1440;
            return utcMinutes == (23 * 60) + 59;
        }

        return true;
    }

    private static bool TryParseDate(ReadOnlySpan<byte> s)
    {
        if (!TryTwoDigits(s, 0, out var century) || !TryTwoDigits(s, 2, out var yearOfCentury)
            || s[4] != (byte)'-' || !TryTwoDigits(s, 5, out var month) || s[7] != (byte)'-'
            || !TryTwoDigits(s, 8, out var day))
        {
            return false;
        }

        if (month < 1 || month > 12 || day < 1)
        {
            return false;
        }

        var year = (century * 100) + yearOfCentury;
        return day <= DaysInMonth(year, month);
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool TryTwoDigits(ReadOnlySpan<byte> s, int index, out int value)
    {
        if (index + 1 < s.Length && IsDigit(s[index]) && IsDigit(s[index + 1]))
        {
            value = ((s[index] - '0') * 10) + (s[index + 1] - '0');
            return true;
        }

        value = 0;
        return false;
    }

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';
}
