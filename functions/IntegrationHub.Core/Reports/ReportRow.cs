namespace IntegrationHub.Core.Reports;

/// <summary>One row of a section, a cell per column.</summary>
public sealed record ReportRow(IReadOnlyList<ReportCell> Cells);
