using System.Text;
using IntegrationHub.Core.Text;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// A report as CSV per RFC 4180 (UTF-8 without a byte order mark, CRLF after every record, a field quoted when it holds a comma,
/// a quote, CR or LF, quotes doubled). One header; then one record per row of every section (one per indicator, one per trend,
/// one per rejection reason), its first column the section id. The columns are the union of the sections' column keys in order
/// of first appearance, a localized column followed by <c>{key}_en</c>; a section leaves the others empty.
/// </summary>
public static class ReportCsv
{
    public const string MediaType = "text/csv";

    public static byte[] Render(PeriodicReport report)
    {
        var columns = new List<string> { "section" };
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var column in report.Sections.SelectMany(s => s.Columns))
        {
            if (positions.TryAdd(column.Key, columns.Count))
            {
                columns.Add(column.Key);
                if (column.Localized)
                {
                    columns.Add(column.Key + "_en");
                }
            }
        }

        var text = new StringBuilder();
        Rfc4180.AppendRecord(text, columns);
        foreach (var section in report.Sections)
        {
            foreach (var row in section.Rows)
            {
                var fields = new string[columns.Count];
                Array.Fill(fields, "");
                fields[0] = section.Id;
                for (var i = 0; i < section.Columns.Count && i < row.Cells.Count; i++)
                {
                    var position = positions[section.Columns[i].Key];
                    fields[position] = row.Cells[i].Text;
                    if (section.Columns[i].Localized && position + 1 < fields.Length && columns[position + 1] == section.Columns[i].Key + "_en")
                    {
                        fields[position + 1] = row.Cells[i].En ?? "";
                    }
                }

                Rfc4180.AppendRecord(text, fields);
            }
        }

        return Rfc4180.Encode(text);
    }
}
