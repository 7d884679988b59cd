namespace IntegrationHub.Core.Reports;

/// <summary>The files of a report, by the names they are stored and served under.</summary>
public static class ReportFile
{
    public const string Html = "report.html";
    public const string Csv = "report.csv";

    public static bool IsKnown(string? name) => name is Html or Csv;

    public static string MediaType(string name) => name == Html ? ReportHtml.MediaType : ReportCsv.MediaType;

    /// <summary>Whether <paramref name="id"/> has the shape of a report id (<c>{kind}-{scope}-{yyyyMMdd}</c>), before any storage is read.</summary>
    public static bool IsReportId(string? id) =>
        id is { Length: <= 64 } && System.Text.RegularExpressions.Regex.IsMatch(id, "^(weekly|monthly)-[A-Za-z0-9_]{1,32}-[0-9]{8}$");
}
