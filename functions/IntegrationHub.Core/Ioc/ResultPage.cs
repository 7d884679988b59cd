namespace IntegrationHub.Core.Ioc;

/// <summary>One page of a query; <see cref="ContinuationToken"/> (opaque) fetches the next, null on the last page.</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
