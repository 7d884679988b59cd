using System.Xml;

namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// Which records a measure counts: those whose time <see cref="On"/> (<c>$eventTime</c>, <c>$receivedAt</c>,
/// <c>$deliveredAt</c>, or a date or date-time field of <c>data</c>) falls within <see cref="Period"/> before the
/// computation instant. <see cref="Period"/> is an ISO 8601 duration, or <c>$window</c> for <c>Hub:Ioc:WindowDays</c>.
/// </summary>
public sealed record MeasureWindow(string On, string Period)
{
    public const string HubWindow = "$window";

    public TimeSpan Length(IocOptions options) => Period == HubWindow ? TimeSpan.FromDays(options.WindowDays) : XmlConvert.ToTimeSpan(Period);

    /// <summary>The period as the API shows it, e.g. <c>P30D</c>.</summary>
    public string Text(IocOptions options) => Period == HubWindow ? $"P{options.WindowDays}D" : Period;
}
