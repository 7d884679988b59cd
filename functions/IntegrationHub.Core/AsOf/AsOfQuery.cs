namespace IntegrationHub.Core.AsOf;

/// <summary>A page request for a feed's state, or one commune's, as recorded at <see cref="AsOf"/>.</summary>
public sealed record AsOfQuery(string FeedId, DateTimeOffset AsOf, string? Commune, int PageSize, string? ContinuationToken)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
}
