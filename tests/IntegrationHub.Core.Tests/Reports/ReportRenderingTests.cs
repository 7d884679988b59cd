using System.Text;
using System.Text.RegularExpressions;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Reports;
using static IntegrationHub.Core.Tests.Reports.ReportFixtures;

namespace IntegrationHub.Core.Tests.Reports;

/// <summary>The HTML page and the CSV file: encoded data, no script or outside resource, RFC 4180, stable columns.</summary>
public class ReportRenderingTests
{
    private const string Hostile = "<script>alert(\"x\")</script> & 'q'";

    [Fact]
    public async Task Every_text_from_data_is_html_encoded_and_the_page_has_no_script_or_outside_resource()
    {
        var report = await HostileReportAsync();

        var html = Encoding.UTF8.GetString(ReportHtml.Render(report, Time));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", html, StringComparison.Ordinal); // a control character from data does not reach the page
        Assert.DoesNotMatch(new Regex(@"\s(src|href|action)\s*=|url\(|@import|<link|<iframe|<object|<embed|\son[a-z]+\s*=", RegexOptions.IgnoreCase), html);
        Assert.Single(Regex.Matches(html, "<style>"));
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Chỉ tiêu so với mục tiêu<span lang=\"en\">Indicators against targets</span></h2>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Lý do<span lang=\"en\">Reason</span></th>", html, StringComparison.Ordinal);
        Assert.Contains("00:00 19/11/2026 – 00:00 26/11/2026 (UTC+07:00)", html, StringComparison.Ordinal);
        Assert.False(Encoding.UTF8.GetPreamble().AsSpan().SequenceEqual(ReportHtml.Render(report, Time).AsSpan(0, 3)));
    }

    [Fact]
    public async Task A_trend_chart_is_inline_svg_of_the_stored_points_and_too_few_points_say_so()
    {
        var report = await HostileReportAsync();

        var html = Encoding.UTF8.GetString(ReportHtml.Render(report, Time));

        var figures = Regex.Matches(html, "<figure data-chart=\"([^\"]+)\">(.*?)</figure>", RegexOptions.Singleline).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"", figures["I-05"], StringComparison.Ordinal);
        Assert.Contains("data-points=\"3\"", figures["I-05"], StringComparison.Ordinal);
        Assert.Equal(3, Regex.Match(figures["I-05"], "points=\"([^\"]+)\"/>").Groups[1].Value.Split(' ').Length);
        Assert.Contains("class=\"target\"", figures["I-05"], StringComparison.Ordinal);
        Assert.DoesNotContain("style=", figures["I-05"], StringComparison.Ordinal); // the CSP allows the one style block only
        Assert.DoesNotContain("<svg", figures["I-04"], StringComparison.Ordinal);
        Assert.Contains("Không đủ dữ liệu để vẽ", figures["I-04"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_is_rfc_4180_with_stable_columns_one_record_per_row_of_each_section()
    {
        var report = await HostileReportAsync();

        var bytes = ReportCsv.Render(report);
        var text = Encoding.UTF8.GetString(bytes);
        var records = Rfc4180(text);

        Assert.NotEqual(0xEF, bytes[0]); // no byte order mark
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Equal(
            ["section", "indicator_id", "name", "name_en", "status", "status_en", "value", "unit", "numerator", "denominator", "target", "target_year",
                "target_status", "target_status_en", "value_at_start", "change", "note", "note_en", "points", "min", "max", "feed_id", "pointer", "reason", "count"],
            records[0]);
        Assert.All(records, r => Assert.Equal(records[0].Count, r.Count));
        var column = records[0].Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        var indicators = records.Where(r => r[0] == IndicatorsReportSection.Id).ToList();
        Assert.Equal(["I-04", "I-05"], indicators.Select(r => r[column["indicator_id"]]));
        Assert.Equal(Hostile, indicators[1][column["name"]]);
        Assert.Equal("Rate, \"online\"\nsecond line", indicators[1][column["name_en"]]);
        Assert.Equal(("42.5", "80", "Chưa đạt", "Not met"),
            (indicators[1][column["value"]], indicators[1][column["target"]], indicators[1][column["target_status"]], indicators[1][column["target_status_en"]]));
        Assert.Equal(2, records.Count(r => r[0] == RejectionsReportSection.Id));
        var reason = records.Single(r => r[0] == RejectionsReportSection.Id && r[column["feed_id"]] == Dossiers);
        Assert.Equal((Dossiers, "/data/a,b", "bad \"value\"\r\nhere", "3"), (reason[column["feed_id"]], reason[column["pointer"]], reason[column["reason"]], reason[column["count"]]));
        Assert.Equal("", reason[column["indicator_id"]]);
        Assert.Equal(2, records.Count(r => r[0] == TrendsReportSection.Id));
    }

    private static async Task<PeriodicReport> HostileReportAsync()
    {
        var hour = Week.Start.AddHours(12);
        var data = new ReportData(Week,
            Report(Week.End,
                Indicator("I-04", null),
                Indicator("I-05", 42.5, 17, 40, name: new LocalizedText(Hostile, "Rate, \"online\"\nsecond line"), target: 80, targetStatus: "notMet")),
            null,
            [new IndicatorPoint("I-05", hour, 40), new IndicatorPoint("I-05", hour.AddHours(1), 41), new IndicatorPoint("I-05", hour.AddHours(2), 42.5),
                new IndicatorPoint("I-04", hour, 10)],
            new Dictionary<string, IReadOnlyList<HourBucket>>
            {
                [Dossiers] = [Bucket(hour, 1, 3, new RejectionReason("/data/a,b", "bad \"value\"\r\nhere", 3))],
                [Schools] = [Bucket(hour, 1, 1, new RejectionReason("/data/\u0007", Hostile, 1))],
            });
        return await Builder().BuildAsync(data, Scope(ReportScope.Province), CancellationToken.None);
    }

    /// <summary>A strict RFC 4180 reader: every record ends in CRLF, quoted fields may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<List<string>> Rfc4180(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "an unterminated quoted field");
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }

            while (i < text.Length && text[i] != ',' && text[i] != '\r')
            {
                Assert.NotEqual('"', text[i]);
                Assert.NotEqual('\n', text[i]);
                field.Append(text[i++]);
            }

            record.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            Assert.Equal("\r\n", text.Substring(i, 2));
            i += 2;
            records.Add(record);
            record = [];
        }

        return records;
    }
}
