namespace IntegrationHub.Core.OpenData;

/// <summary>What one export wrote: the datasets (feed ids), their rows, the files and the entities left out.</summary>
public sealed record OpenDataReport(IReadOnlyList<string> Datasets, int Rows, IReadOnlyList<string> Files, long Skipped);
