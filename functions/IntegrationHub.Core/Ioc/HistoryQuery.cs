namespace IntegrationHub.Core.Ioc;

/// <summary>A page request over one entity's history, by event time: <c>[From, To)</c>.</summary>
public sealed record HistoryQuery(string FeedId, string Subject, DateTimeOffset? From, DateTimeOffset? To, int PageSize, string? ContinuationToken)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}
