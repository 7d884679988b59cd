namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// A formula as configured: its <see cref="Kind"/> (<see cref="MeasureKind"/>), the feed it reads (<c>*</c> for every
/// feed), which records it counts (<see cref="Window"/>, <see cref="Where"/>) and the kind's own parameters.
/// </summary>
public sealed record MeasureDefinition(
    string Kind,
    string? Feed,
    MeasureWindow? Window,
    RecordFilter? Where,
    Quantity? Numerator,
    Quantity? Denominator,
    IReadOnlyList<string> Sum,
    IReadOnlyList<string> Subtract,
    string? Field,
    string? Weight,
    double? Percentile)
{
    public const string EveryFeed = "*";
}
