using System.Globalization;

namespace IntegrationHub.Core.Ioc;

/// <summary>The province's civil time (UTC+7 for Vietnam): "today" and the hour buckets of feed status are read in it.</summary>
public sealed class ProvinceTime(TimeSpan utcOffset)
{
    public TimeSpan Offset { get; } = utcOffset;

    public DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The start of the hour holding <paramref name="instant"/>, in province time.</summary>
    public DateTimeOffset HourStart(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, Offset);
    }

    /// <summary>Midnight of the province's day holding <paramref name="instant"/>.</summary>
    public DateTimeOffset DayStart(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, Offset);
    }

    /// <summary>A sortable key of the province-time hour, <c>yyyyMMddHH</c>.</summary>
    public string HourKey(DateTimeOffset instant) => HourStart(instant).ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public DateTimeOffset ParseHourKey(string key) =>
        new(DateTime.ParseExact(key, "yyyyMMddHH", CultureInfo.InvariantCulture), Offset);
}
