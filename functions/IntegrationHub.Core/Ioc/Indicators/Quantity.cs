namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// One side of a ratio: either the records matching <see cref="Count"/> (every record when it is null), counted once each
/// or, with <see cref="Distinct"/>, once per distinct value of that field; or the sum of the <see cref="Sum"/> fields.
/// </summary>
public sealed record Quantity(RecordFilter? Count, string? Distinct, IReadOnlyList<string>? Sum)
{
    public bool IsSum => Sum is not null;
}
