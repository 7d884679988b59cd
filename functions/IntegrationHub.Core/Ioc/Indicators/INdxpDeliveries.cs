namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// The NDXP subscription's deliveries, per feed id: when it last delivered a record (feeds never delivered are absent).
/// I-02 reads it; while no implementation is registered, I-02 is <c>unavailable</c>.
/// </summary>
public interface INdxpDeliveries
{
    Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeliveredAsync(DateTimeOffset at, CancellationToken cancellationToken);
}
