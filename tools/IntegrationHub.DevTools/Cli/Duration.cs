using System.Globalization;
using System.Xml;

namespace IntegrationHub.DevTools.Cli;

/// <summary>
/// The one duration grammar of every hubdev option: <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>, <c>500ms</c>, a bare number
/// of seconds (<c>90</c>), ISO 8601 (<c>PT3M</c>, <c>P1D</c>) or <c>hh:mm:ss</c> (<c>01:00:00</c>).
/// </summary>
internal static class Duration
{
    public const string Examples = "90s, 5m, 1h, 2d, 500ms, PT3M or 01:00:00";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (text.Length == 0)
        {
            return false;
        }

        if (text.StartsWith('P'))
        {
            try
            {
                value = XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
        }

        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], "ms")
            : char.IsAsciiLetter(text[^1]) ? (text[..^1], text[^1..])
            : (text, "s");
        if (number.Length == 0 || !char.IsAsciiDigit(number[0])
            || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        TimeSpan? parsed = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => null,
        };
        value = parsed ?? default;
        return parsed is not null;
    }
}
