using System.Globalization;
using System.Numerics;

namespace IntegrationHub.Core.Validation;

/// <summary>
/// A JSON number literal read exactly as <c>mantissa × 10^exponent</c>, both in arbitrary precision, so that comparisons
/// never round: <see cref="decimal"/> rounds beyond 28 significant digits and <see cref="double"/> beyond about 16.
/// </summary>
internal readonly record struct ExactNumber(BigInteger Mantissa, BigInteger Exponent)
{
    /// <summary>Reads a literal of the JSON grammar (as <c>JsonElement.GetRawText()</c> gives it); false for anything else.</summary>
    public static bool TryParse(string raw, out ExactNumber value)
    {
        value = default;
        var i = 0;
        var negative = raw.Length > 0 && raw[0] == '-';
        if (negative)
        {
            i++;
        }

        var digitsStart = i;
        while (i < raw.Length && char.IsAsciiDigit(raw[i]))
        {
            i++;
        }

        var integerPart = raw[digitsStart..i];
        var fraction = "";
        if (i < raw.Length && raw[i] == '.')
        {
            var fractionStart = ++i;
            while (i < raw.Length && char.IsAsciiDigit(raw[i]))
            {
                i++;
            }

            fraction = raw[fractionStart..i];
        }

        var exponent = BigInteger.Zero;
        if (i < raw.Length && raw[i] is 'e' or 'E')
        {
            i++;
            var sign = i < raw.Length && raw[i] == '-' ? -1 : 1;
            if (i < raw.Length && raw[i] is '+' or '-')
            {
                i++;
            }

            var exponentStart = i;
            while (i < raw.Length && char.IsAsciiDigit(raw[i]))
            {
                i++;
            }

            if (exponentStart == i)
            {
                return false;
            }

            exponent = sign * BigInteger.Parse(raw.AsSpan(exponentStart, i - exponentStart), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (i != raw.Length || integerPart.Length == 0)
        {
            return false;
        }

        var mantissa = BigInteger.Parse(integerPart + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        value = new ExactNumber(negative ? -mantissa : mantissa, exponent - fraction.Length);
        return true;
    }

    public ExactNumber Times(long factor) => new(Mantissa * factor, Exponent);

    /// <summary>Exact order of the two values.</summary>
    public static int Compare(ExactNumber left, ExactNumber right)
    {
        var sign = left.Mantissa.Sign.CompareTo(right.Mantissa.Sign);
        if (sign != 0 || left.Mantissa.IsZero)
        {
            return sign;
        }

        // Same non-zero sign: compare magnitudes, then flip for negatives.
        var magnitude = CompareMagnitudes(BigInteger.Abs(left.Mantissa), left.Exponent, BigInteger.Abs(right.Mantissa), right.Exponent);
        return left.Mantissa.Sign > 0 ? magnitude : -magnitude;
    }

    private static int CompareMagnitudes(BigInteger a, BigInteger aExponent, BigInteger b, BigInteger bExponent)
    {
        // The position of the leading digit decides unless equal; then the exponents differ by less than the digit counts,
        // so aligning them multiplies by a power of ten no longer than the literals themselves.
        var aOrder = DigitCount(a) + aExponent;
        var bOrder = DigitCount(b) + bExponent;
        if (aOrder != bOrder)
        {
            return aOrder.CompareTo(bOrder);
        }

        var shift = (int)(aExponent - bExponent);
        return shift >= 0
            ? (a * BigInteger.Pow(10, shift)).CompareTo(b)
            : a.CompareTo(b * BigInteger.Pow(10, -shift));
    }

    private static int DigitCount(BigInteger positive) => positive.ToString(CultureInfo.InvariantCulture).Length;
}
