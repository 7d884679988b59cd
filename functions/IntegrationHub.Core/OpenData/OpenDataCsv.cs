using System.Globalization;
using System.Text;

namespace IntegrationHub.Core.OpenData;

/// <summary>
/// A dataset as CSV per RFC 4180: a header row, CRLF after every record, a field quoted (quotes doubled) when it holds a comma,
/// a quote, CR or LF. UTF-8 without a byte order mark; numbers in invariant culture, an empty field where a statistic has no value.
/// </summary>
public static class OpenDataCsv
{
    public const string MediaType = "text/csv";

    public static byte[] Write(OpenDataTable table)
    {
        var text = new StringBuilder();
        Line(text, table.Columns);
        foreach (var row in table.Rows)
        {
            Line(text, new[] { row.Commune, row.CommuneName ?? "" }
                .Concat(row.Dimensions)
                .Append(row.Entities.ToString(CultureInfo.InvariantCulture))
                .Concat(row.Statistics.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "")));
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString());
    }

    private static void Line(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(Field));
        text.Append("\r\n");
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
