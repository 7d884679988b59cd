using System.Globalization;

namespace IntegrationHub.Core.Reports;

/// <summary>Numbers as the report files show them: invariant culture (a '.' decimal point), at most two decimals.</summary>
public static class ReportNumbers
{
    public static string Format(double? value) => value is { } v ? Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture) : "";

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A change with its sign (+1.5, -2, 0).</summary>
    public static string Change(double change) => (change > 0 ? "+" : "") + Format(change);
}
