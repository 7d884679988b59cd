namespace IntegrationHub.Core.OpenData;

/// <summary>
/// One row of an open-data dataset: a commune and the values of the dataset's dimensions, how many entities the group holds and
/// each published statistic (null when no entity of the group has the measure). Never an entity key or a record.
/// </summary>
public sealed record OpenDataRow(string Commune, string? CommuneName, IReadOnlyList<string> Dimensions, long Entities, IReadOnlyList<decimal?> Statistics);
