using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// One section of a report, in a shape every renderer knows: a table (<see cref="Columns"/>, <see cref="Rows"/>) and charts.
/// <see cref="EmptyText"/> is what the section says when it has no rows, in place of an empty table.
/// </summary>
public sealed record ReportSection(string Id, LocalizedText Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows,
    IReadOnlyList<ReportChart> Charts, LocalizedText EmptyText)
{
    public LocalizedText? Note { get; init; }
}
