using System.Globalization;
using System.Text;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// A trend chart as inline SVG: the stored points as a line over the period's time axis, the target as a dashed line, presentation
/// attributes only (no style attribute, no script), so the page's Content-Security-Policy allows it. Fewer than two points draw
/// nothing: the page says there is not enough data.
/// </summary>
public static class ReportSvg
{
    public const int Width = 640;
    public const int Height = 160;
    private const int Pad = 24;

    /// <summary>The chart, or null when it has fewer than two points.</summary>
    public static string? Chart(ReportChart chart)
    {
        var points = chart.Points.Where(p => p.Value is not null).ToArray();
        if (points.Length < 2)
        {
            return null;
        }

        var values = points.Select(p => p.Value!.Value).ToList();
        if (chart.Target is { } t)
        {
            values.Add(t);
        }

        double min = Math.Min(0, values.Min()), max = values.Max();
        if (chart.Unit == "percent")
        {
            max = Math.Max(max, 100);
        }

        if (max <= min)
        {
            max = min + 1;
        }

        var span = (chart.To - chart.From).TotalSeconds;
        string X(DateTimeOffset at) => N(Pad + ((Width - (2 * Pad)) * Math.Clamp((at - chart.From).TotalSeconds / span, 0, 1)));
        string Y(double value) => N(Height - Pad - ((Height - (2 * Pad)) * (value - min) / (max - min)));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" data-points=\"{points.Length}\">");
        svg.Append("<title>").Append(ReportHtml.Encode(chart.Title.Vi)).Append("</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\" stroke=\"#cccccc\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Pad}\" y1=\"{Height - Pad}\" x2=\"{Width - Pad}\" y2=\"{Height - Pad}\" stroke=\"#888888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{Pad - 6}\" font-size=\"10\" fill=\"#333333\">{ReportHtml.Encode(ReportNumbers.Format(max))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{Height - 6}\" font-size=\"10\" fill=\"#333333\">{ReportHtml.Encode(ReportNumbers.Format(min))}</text>");
        if (chart.Target is { } target)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"target\" x1=\"{Pad}\" y1=\"{Y(target)}\" x2=\"{Width - Pad}\" y2=\"{Y(target)}\" stroke=\"#b35900\" stroke-dasharray=\"4 3\"/>");
        }

        svg.Append("<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"");
        svg.AppendJoin(' ', points.Select(p => X(p.Hour) + "," + Y(p.Value!.Value)));
        svg.Append("\"/></svg>");
        return svg.ToString();
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
