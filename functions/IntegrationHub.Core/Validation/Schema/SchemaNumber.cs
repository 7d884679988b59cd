using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>A number literal from a schema, kept exact, with its source text for error details.</summary>
internal sealed class SchemaNumber
{
    private readonly byte[] _digits;

    private SchemaNumber(bool negative, byte[] digits, long exponent, string text)
    {
        Negative = negative;
        _digits = digits;
        Exponent = exponent;
        Text = text;
        if (digits.Length <= 18)
        {
            ulong value = 0;
            foreach (var digit in digits)
            {
                value = (value * 10) + (ulong)(digit - '0');
            }

            SmallDigits = value;
        }
        else
        {
            BigDigits = BigInteger.Parse(System.Text.Encoding.ASCII.GetString(digits), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public bool Negative { get; }

    public long Exponent { get; }

    /// <summary>The literal as written in the schema, e.g. "20000" or "1e-8".</summary>
    public string Text { get; }

    /// <summary>The significant digits as an integer when they fit in 18 digits.</summary>
    public ulong? SmallDigits { get; }

    public BigInteger? BigDigits { get; }

    public NumberView View => new(Negative, _digits, Exponent);

    public bool IsZero => _digits.Length == 0;

    public static SchemaNumber FromElement(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var buffer = new byte[raw.Length];
        var view = JsonNumber.Parse(raw, buffer);
        return new SchemaNumber(view.Negative, view.Digits.ToArray(), view.Exponent, element.GetRawText());
    }

    /// <summary>The value as a non-negative count, saturating at <see cref="long.MaxValue"/>; null when not one.</summary>
    public long? ToCount()
    {
        if (Negative || !View.IsInteger)
        {
            return null;
        }

        if (IsZero)
        {
            return 0;
        }

        if (_digits.Length + Exponent > 18)
        {
            return long.MaxValue;
        }

        long value = 0;
        foreach (var digit in _digits)
        {
            value = (value * 10) + (digit - '0');
        }

        for (var i = 0L; i < Exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
