using System.Globalization;
using System.Text;
using IntegrationHub.Core.Text;

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
        Rfc4180.AppendRecord(text, table.Columns);
        foreach (var row in table.Rows)
        {
            Rfc4180.AppendRecord(text, new[] { row.Commune, row.CommuneName ?? "" }
                .Concat(row.Dimensions)
                .Append(row.Entities.ToString(CultureInfo.InvariantCulture))
                .Concat(row.Statistics.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "")));
        }

        return Rfc4180.Encode(text);
    }
}
