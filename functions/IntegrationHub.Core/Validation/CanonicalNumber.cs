using System.Text;

namespace IntegrationHub.Core.Validation;

/// <summary>
/// The canonical spelling of a JSON number in an entity key: plain decimal, no exponent, no leading or trailing zeros,
/// so that <c>27</c>, <c>27.0</c> and <c>2.7e1</c> name the same entity.
/// </summary>
public static class CanonicalNumber
{
    // Beyond this exponent the plain form would be huge; such a number is no key value any contract allows.
    private const int MaxExponent = 400;

    public static string Of(string raw)
    {
        var i = 0;
        var negative = raw.Length > 0 && raw[0] == '-';
        if (negative)
        {
            i++;
        }

        var digits = new StringBuilder(raw.Length);
        var integerDigits = 0;
        while (i < raw.Length && char.IsAsciiDigit(raw[i]))
        {
            digits.Append(raw[i++]);
            integerDigits++;
        }

        if (i < raw.Length && raw[i] == '.')
        {
            i++;
            while (i < raw.Length && char.IsAsciiDigit(raw[i]))
            {
                digits.Append(raw[i++]);
            }
        }

        long exponent = 0;
        if (i < raw.Length && raw[i] is 'e' or 'E')
        {
            i++;
            var sign = 1;
            if (i < raw.Length && raw[i] is '+' or '-')
            {
                sign = raw[i++] == '-' ? -1 : 1;
            }

            while (i < raw.Length && char.IsAsciiDigit(raw[i]) && exponent <= MaxExponent)
            {
                exponent = (exponent * 10) + (raw[i++] - '0');
            }

            exponent *= sign;
        }

        if (i != raw.Length || Math.Abs(exponent) > MaxExponent)
        {
            return raw;
        }

        var text = digits.ToString();
        var start = 0;
        while (start < text.Length && text[start] == '0')
        {
            start++;
        }

        var end = text.Length;
        while (end > start && text[end - 1] == '0')
        {
            end--;
        }

        if (start == end)
        {
            return "0";
        }

        var significant = text[start..end];
        var point = (int)(integerDigits + exponent - start); // digits of significant before the decimal point
        var plain = point <= 0
            ? "0." + new string('0', -point) + significant
            : point >= significant.Length
                ? significant + new string('0', point - significant.Length)
                : significant[..point] + "." + significant[point..];
        return negative ? "-" + plain : plain;
    }
}
