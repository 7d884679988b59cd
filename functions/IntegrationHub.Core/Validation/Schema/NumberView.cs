namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// An exact JSON number: <c>(-1)^Negative × Digits × 10^Exponent</c>, where <see cref="Digits"/> are ASCII digits
/// without leading or trailing zeros (empty for zero). Comparing two views is exact for any size or precision.
/// </summary>
internal readonly ref struct NumberView
{
    public NumberView(bool negative, ReadOnlySpan<byte> digits, long exponent)
    {
        Negative = negative;
        Digits = digits;
        Exponent = exponent;
    }

    public bool Negative { get; }

    public ReadOnlySpan<byte> Digits { get; }

    public long Exponent { get; }

    public bool IsZero => Digits.IsEmpty;

    /// <summary>Draft-07 integers are mathematical integers, so 1.0 and 1e3 qualify.</summary>
    public bool IsInteger => Digits.IsEmpty || Exponent >= 0;
}
