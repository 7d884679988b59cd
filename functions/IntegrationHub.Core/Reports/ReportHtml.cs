using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// A report as one printable HTML page: self-contained (inline CSS with print rules, inline SVG charts), no script and nothing
/// loaded from elsewhere. Vietnamese first, the English label beside each heading and column in a <c>lang="en"</c> span. Every text
/// that comes from data is HTML-encoded.
/// </summary>
public static class ReportHtml
{
    public const string MediaType = "text/html";

    /// <summary>The page's one style block; its hash is what the page's Content-Security-Policy allows (<see cref="StyleHash"/>).</summary>
    public const string Style =
        "body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;font-size:11pt;color:#111;margin:2em;max-width:80em}" +
        "h1{font-size:18pt;margin:0 0 .3em}h2{font-size:14pt;margin:1.4em 0 .4em;border-bottom:1px solid #999}" +
        "span[lang=en]{color:#555;font-weight:normal;font-size:.85em}span[lang=en]::before{content:' / '}" +
        "table{border-collapse:collapse;width:100%;margin:.4em 0;font-size:.85em}th,td{border:1px solid #bbb;padding:.2em .4em;text-align:left;vertical-align:top}" +
        "td:last-child{min-width:16em}" +
        "th{background:#eee}td.num{text-align:right;font-variant-numeric:tabular-nums}dl{display:grid;grid-template-columns:max-content auto;gap:.1em 1em}" +
        "dt{font-weight:bold}dd{margin:0}figure{margin:.6em 0;break-inside:avoid}figcaption{font-weight:bold}.empty,.nodata{font-style:italic;color:#555}" +
        "svg{max-width:100%;height:auto}" +
        "@page{size:A4 landscape;margin:12mm}@media print{body{margin:0;max-width:none;font-size:9pt}h2{break-after:avoid}tr,figure{break-inside:avoid}section{break-before:auto}}";

    /// <summary><c>'sha256-…'</c> of <see cref="Style"/>, for the CSP's style-src.</summary>
    public static string StyleHash { get; } = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'";

    private static readonly LocalizedText NoData = new("Không đủ dữ liệu để vẽ (cần ít nhất hai điểm).", "Not enough data to chart (at least two points are needed).");

    public static byte[] Render(PeriodicReport report, ProvinceTime time)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(Encode($"{report.Title.Vi} — {report.Scope.Name.Vi} — {Day(report.Period.Start, time)}")).Append("</title>\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<header>\n");
        html.Append("<h1>").Append(Label(report.Title)).Append("</h1>\n<dl>\n");
        Term(html, new("Phạm vi", "Scope"), Encode(report.Scope.Name.Vi) + (report.Scope.IsProvince ? "" : $" ({Encode(report.Scope.Code)})")
            + En(report.Scope.Name.En));
        Term(html, new("Kỳ báo cáo", "Period"), Encode($"00:00 {Day(report.Period.Start, time)} – 00:00 {Day(report.Period.End, time)} (UTC{Offset(time)})"));
        Term(html, new("Lập lúc", "Generated"), Encode(time.ToLocal(report.GeneratedAt).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) + $" (UTC{Offset(time)})"));
        Term(html, new("Mã báo cáo", "Report id"), Encode(report.Id));
        html.Append("</dl>\n</header>\n");
        foreach (var section in report.Sections)
        {
            Section(html, section);
        }

        html.Append("</body>\n</html>\n");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(html.ToString());
    }

    /// <summary>HTML-encodes text for element content and quoted attribute values.</summary>
    public static string Encode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) && c is not '\n' and not '\t' => "\uFFFD",
                _ => c.ToString(),
            });
        }

        return encoded.ToString();
    }

    private static void Section(StringBuilder html, ReportSection section)
    {
        html.Append("<section id=\"").Append(Encode(section.Id)).Append("\">\n<h2>").Append(Label(section.Title)).Append("</h2>\n");
        if (section.Note is { } note)
        {
            html.Append("<p class=\"note\">").Append(Label(note)).Append("</p>\n");
        }

        if (section.Rows.Count == 0)
        {
            html.Append("<p class=\"empty\">").Append(Label(section.EmptyText)).Append("</p>\n");
        }
        else
        {
            html.Append("<table>\n<thead><tr>");
            foreach (var column in section.Columns)
            {
                html.Append("<th scope=\"col\">").Append(Label(column.Title)).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in section.Rows)
            {
                html.Append("<tr>");
                for (var i = 0; i < section.Columns.Count; i++)
                {
                    var cell = i < row.Cells.Count ? row.Cells[i] : ReportCell.Empty;
                    html.Append(section.Columns[i].Numeric ? "<td class=\"num\">" : "<td>").Append(Encode(cell.Text));
                    if (cell.En is { Length: > 0 } en && en != cell.Text)
                    {
                        html.Append(En(en));
                    }

                    html.Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        foreach (var chart in section.Charts)
        {
            html.Append("<figure data-chart=\"").Append(Encode(chart.Key)).Append("\">\n<figcaption>").Append(Label(chart.Title)).Append("</figcaption>\n");
            html.Append(ReportSvg.Chart(chart) is { } svg ? svg : "<p class=\"nodata\">" + Label(NoData) + "</p>").Append("\n</figure>\n");
        }

        html.Append("</section>\n");
    }

    private static void Term(StringBuilder html, LocalizedText term, string definitionHtml) =>
        html.Append("<dt>").Append(Label(term)).Append("</dt><dd>").Append(definitionHtml).Append("</dd>\n");

    private static string Label(LocalizedText text) => Encode(text.Vi) + (text.En.Length > 0 && text.En != text.Vi ? En(text.En) : "");

    private static string En(string text) => "<span lang=\"en\">" + Encode(text) + "</span>";

    private static string Day(DateTimeOffset instant, ProvinceTime time) => time.ToLocal(instant).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Offset(ProvinceTime time) => (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
