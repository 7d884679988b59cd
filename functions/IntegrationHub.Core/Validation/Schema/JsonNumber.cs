using System.Numerics;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// Exact arithmetic on JSON number literals. Numbers are never converted to double or decimal, so 1e308,
/// 0.1 and 98249283749234923498293171823948729348710298301928331 compare and divide exactly.
/// </summary>
internal static class JsonNumber
{
    /// <summary>Exponents are saturated here; larger ones only arise from literals with 16+ exponent digits.</summary>
    private const long ExponentLimit = 1_000_000_000_000_000;

    /// <summary>Digits that fit the stack buffer callers allocate for typical instance numbers.</summary>
    public const int StackDigits = 96;

    /// <summary>
    /// Parses a JSON number literal (already checked by the reader) into <paramref name="digits"/>, which must be
    /// at least as long as <paramref name="raw"/>.
    /// </summary>
    public static NumberView Parse(ReadOnlySpan<byte> raw, Span<byte> digits)
    {
        var i = 0;
        var negative = false;
        if (i < raw.Length && raw[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        var count = 0;
        long fractionDigits = 0;
        while (i < raw.Length && IsDigit(raw[i]))
        {
            if (count > 0 || raw[i] != (byte)'0')
            {
                digits[count++] = raw[i];
            }

            i++;
        }

        if (i < raw.Length && raw[i] == (byte)'.')
        {
            i++;
            while (i < raw.Length && IsDigit(raw[i]))
            {
                if (count > 0 || raw[i] != (byte)'0')
                {
                    digits[count++] = raw[i];
                }

                fractionDigits++;
                i++;
            }
        }

        long exponent = 0;
        if (i < raw.Length && (raw[i] == (byte)'e' || raw[i] == (byte)'E'))
        {
            i++;
            var negativeExponent = false;
            if (i < raw.Length && (raw[i] == (byte)'+' || raw[i] == (byte)'-'))
            {
                negativeExponent = raw[i] == (byte)'-';
                i++;
            }

            while (i < raw.Length && IsDigit(raw[i]))
            {
                if (exponent < ExponentLimit)
                {
                    exponent = (exponent * 10) + (raw[i] - '0');
                }

                i++;
            }

            if (negativeExponent)
            {
                exponent = -exponent;
            }
        }

        exponent -= fractionDigits;
        while (count > 0 && digits[count - 1] == (byte)'0')
        {
            count--;
            exponent++;
        }

        return count == 0
            ? new NumberView(false, ReadOnlySpan<byte>.Empty, 0)
            : new NumberView(negative, digits[..count], exponent);
    }

    public static int Compare(NumberView a, NumberView b)
    {
        var signA = a.IsZero ? 0 : a.Negative ? -1 : 1;
        var signB = b.IsZero ? 0 : b.Negative ? -1 : 1;
        if (signA != signB)
        {
            return signA < signB ? -1 : 1;
        }

        if (signA == 0)
        {
            return 0;
        }

        var magnitude = CompareMagnitude(a, b);
        return signA > 0 ? magnitude : -magnitude;
    }

    public static bool AreEqual(NumberView a, NumberView b) =>
        a.Negative == b.Negative && a.Exponent == b.Exponent && a.Digits.SequenceEqual(b.Digits);

    /// <summary>Whether <paramref name="value"/> / <paramref name="divisor"/> is an integer (divisor &gt; 0).</summary>
    public static bool IsMultipleOf(NumberView value, SchemaNumber divisor)
    {
        if (value.IsZero)
        {
            return true;
        }

        // value = X·10^ex with X not divisible by 10; divisor = D·10^ed. If ex < ed, X would have to be divisible by
        // 10^(ed-ex), which it is not. Otherwise value/divisor is an integer exactly when D divides X·10^(ex-ed).
        if (value.Exponent < divisor.Exponent)
        {
            return false;
        }

        var shift = value.Exponent - divisor.Exponent;
        if (divisor.SmallDigits is { } d)
        {
            if (d == 1)
            {
                return true;
            }

            ulong remainder = 0;
            foreach (var digit in value.Digits)
            {
                remainder = ((remainder * 10) + (ulong)(digit - '0')) % d;
            }

            if (remainder == 0)
            {
                return true;
            }

            return (ulong)((UInt128)remainder * PowMod(10, shift, d) % d) == 0;
        }

        var x = ParseDigits(value.Digits);
        var big = divisor.BigDigits!.Value;
        return x * BigInteger.ModPow(10, shift, big) % big == 0;
    }

    private static BigInteger ParseDigits(ReadOnlySpan<byte> digits)
    {
        var value = BigInteger.Zero;
        var i = 0;
        while (i < digits.Length)
        {
            // Eighteen digits at a time keep the BigInteger work proportional to the literal's length.
            var take = Math.Min(18, digits.Length - i);
            ulong chunk = 0;
            ulong scale = 1;
            for (var j = 0; j < take; j++)
            {
                chunk = (chunk * 10) + (ulong)(digits[i + j] - '0');
                scale *= 10;
            }

            value = (value * scale) + chunk;
            i += take;
        }

        return value;
    }

    private static ulong PowMod(ulong b, long exponent, ulong modulus)
    {
        ulong result = 1 % modulus;
        var power = b % modulus;
        var e = exponent;
        while (e > 0)
        {
            if ((e & 1) != 0)
            {
                result = (ulong)((UInt128)result * power % modulus);
            }

            power = (ulong)((UInt128)power * power % modulus);
            e >>= 1;
        }

        return result;
    }

    private static int CompareMagnitude(NumberView a, NumberView b)
    {
        // The position of the leading digit decides first; digits then compare left to right (no trailing zeros).
        var leadA = a.Digits.Length + a.Exponent;
        var leadB = b.Digits.Length + b.Exponent;
        if (leadA != leadB)
        {
            return leadA < leadB ? -1 : 1;
        }

        return Math.Sign(a.Digits.SequenceCompareTo(b.Digits));
    }

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';
}
