using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.OpenData;

/// <summary>A public feed's aggregates per commune as exported: the rows, the columns they fill and the event times they cover.</summary>
/// <param name="Columns">The column names in order: <c>commune</c>, <c>communeName</c>, the dimensions, <c>entities</c>, then <c>&lt;field&gt;_&lt;statistic&gt;</c>.</param>
/// <param name="Skipped">Entities left out: no commune, no dimension value, or a record too large for the index (its data not at hand).</param>
public sealed record OpenDataTable(
    FeedDefinition Feed,
    IReadOnlyList<string> Columns,
    IReadOnlyList<OpenDataRow> Rows,
    DateTimeOffset? TemporalStart,
    DateTimeOffset? TemporalEnd,
    long Skipped);
