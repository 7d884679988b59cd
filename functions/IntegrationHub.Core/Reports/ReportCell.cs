namespace IntegrationHub.Core.Reports;

/// <summary>One cell: its text (Vietnamese where it is a label) and, in a localized column, the English text.</summary>
public sealed record ReportCell(string Text, string? En = null)
{
    public static ReportCell Empty { get; } = new("");
}
