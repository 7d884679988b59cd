using System.Buffers;
using System.Text;

namespace IntegrationHub.Core.Validation;

/// <summary>
/// The hub's one reader of RFC 3339 dates and date-times: the schema's <c>date</c> and <c>date-time</c> formats, the rules and
/// the event's <c>time</c> all go through it, so what the schema calls valid is always an instant the hub can store.
/// </summary>
/// <remarks>
/// Leap seconds (docs/adr/0006-time-and-event-attributes.md): <c>:60</c> is valid syntax only in the last minute of a UTC day (the JSON Schema
/// <c>date-time</c> format); it is read as the last tick of that minute (23:59:59.9999999Z), because .NET instants have no 61st
/// second. Ordering is kept (before the next day's 00:00:00Z) and the event's own text is stored unchanged. A date-time whose
/// instant falls outside 0001-01-01 .. 9999-12-31 UTC is not one the hub can store, and is not valid.
/// </remarks>
public static class Rfc3339
{
    private const int MaxStackChars = 128;

    public static bool TryParseDate(string text, out DateOnly date) => TryParseDate(text.AsSpan(), out date);

    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// Parses <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)</c> by hand (T and Z in either case): rules compare several
    /// date-times per record, and the general-purpose parser costs microseconds each.
    /// </summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value) => TryParseDateTime(text.AsSpan(), out value);

    public static bool TryParseDateTime(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || !TryParseDate(s[..10], out var date) || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':'
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || hour > 23 || minute > 59 || second > 60)
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

        var local = date.ToDateTime(new TimeOnly(hour, minute, Math.Min(second, 59)));
        if (second == 60)
        {
            var utcMinuteOfDay = ((((hour * 60) + minute - (int)offset.TotalMinutes) % 1440) + 1440) % 1440;
            if (utcMinuteOfDay != (23 * 60) + 59)
            {
                return false;
            }

            fractionTicks = TimeSpan.TicksPerSecond - 1; // the leap second, read as the last tick of the minute
        }

        var localTicks = local.Ticks + fractionTicks;
        var utcTicks = localTicks - offset.Ticks;
        if (localTicks > DateTime.MaxValue.Ticks || utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false; // the instant falls outside DateTimeOffset's range (e.g. 0001-01-01T00:00:00+01:00)
        }

        // RFC 3339 offsets go to ±23:59, DateTimeOffset's to ±14:00: beyond that the same instant is kept in UTC.
        value = offset.Duration() <= TimeSpan.FromHours(14)
            ? new DateTimeOffset(new DateTime(localTicks), offset)
            : new DateTimeOffset(new DateTime(utcTicks), TimeSpan.Zero);
        return true;
    }

    /// <summary>The schema's <c>date</c> format, on a string's UTF-8 bytes (only ASCII digits qualify).</summary>
    public static bool IsFullDate(ReadOnlySpan<byte> utf8) => utf8.Length == 10 && WithChars(utf8, static s => TryParseDate(s, out _));

    /// <summary>The schema's <c>date-time</c> format, on a string's UTF-8 bytes: exactly what <see cref="TryParseDateTime(string, out DateTimeOffset)"/> reads.</summary>
    public static bool IsDateTime(ReadOnlySpan<byte> utf8) => utf8.Length >= 20 && WithChars(utf8, static s => TryParseDateTime(s, out _));

    /// <summary>A date-time as itself, a date as 00:00 of that day at <paramref name="offset"/>.</summary>
    public static bool TryParseInstant(string text, TimeSpan offset, out DateTimeOffset value, out bool isDate)
    {
        isDate = false;
        if (TryParseDate(text, out var date))
        {
            isDate = true;
            // 0001-01-01 at +07:00 began before the first representable instant: such a date is no instant to compare,
            // not a crash (the check covers the far end too, for any offset).
            var utcTicks = date.ToDateTime(TimeOnly.MinValue).Ticks - offset.Ticks;
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            {
                value = default;
                return false;
            }

            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), offset);
            return true;
        }

        return TryParseDateTime(text, out value);
    }

    private delegate bool CharCheck(ReadOnlySpan<char> text);

    // Every character the grammar accepts is ASCII, so a non-ASCII byte can only fail; widening the rest is exact.
    private static bool WithChars(ReadOnlySpan<byte> utf8, CharCheck check)
    {
        if (!Ascii.IsValid(utf8))
        {
            return false;
        }

        char[]? rented = null;
        var chars = utf8.Length <= MaxStackChars ? stackalloc char[utf8.Length] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length)).AsSpan(0, utf8.Length);
        try
        {
            Ascii.ToUtf16(utf8, chars, out _);
            return check(chars);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
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
}
