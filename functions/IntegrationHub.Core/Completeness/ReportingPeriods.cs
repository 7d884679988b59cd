using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Completeness;

/// <summary>
/// The reporting periods of a cadence, aligned in province time: calendar months for <c>PnM</c> and <c>PnY</c> cadences
/// (from January), weeks from Monday for multiples of seven days, and for shorter cadences slices of the day from
/// midnight (<c>PT15M</c>: 00:00, 00:15, …). A cadence that divides neither a day nor a week counts from a fixed
/// Monday, 2001-01-01 00:00 province time.
/// </summary>
public sealed partial class ReportingPeriods
{
    private static readonly DateTime Epoch = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Unspecified); // a Monday

    private readonly TimeSpan _cadence;
    private readonly int _months;
    private readonly TimeSpan _offset;

    public ReportingPeriods(TimeSpan cadence, string cadenceText, TimeSpan provinceOffset)
    {
        if (cadence <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(cadence), "A cadence must be positive.");
        }

        _cadence = cadence;
        _offset = provinceOffset;
        var calendar = CalendarCadence().Match(cadenceText);
        _months = !calendar.Success ? 0 : int.Parse(calendar.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * (calendar.Groups[2].Value == "Y" ? 12 : 1);
    }

    /// <summary>The start of the period holding <paramref name="instant"/>.</summary>
    public DateTimeOffset Start(DateTimeOffset instant)
    {
        var local = instant.ToOffset(_offset).DateTime;
        if (_months > 0)
        {
            var index = (local.Year * 12) + local.Month - 1;
            index -= index % _months;
            return new DateTimeOffset(index / 12, (index % 12) + 1, 1, 0, 0, 0, _offset);
        }

        var day = local.Date;
        if (TimeSpan.TicksPerDay % _cadence.Ticks == 0)
        {
            return new DateTimeOffset(day.AddTicks((local - day).Ticks / _cadence.Ticks * _cadence.Ticks), _offset);
        }

        var sinceEpoch = (local - Epoch).Ticks;
        var periods = sinceEpoch >= 0 ? sinceEpoch / _cadence.Ticks : ((sinceEpoch + 1) / _cadence.Ticks) - 1;
        return new DateTimeOffset(Epoch.AddTicks(periods * _cadence.Ticks), _offset);
    }

    /// <summary>The end of the period starting at <paramref name="start"/> (the next one's start).</summary>
    public DateTimeOffset End(DateTimeOffset start) =>
        _months > 0 ? start.ToOffset(_offset).AddMonths(_months) : start.ToOffset(_offset) + _cadence;

    /// <summary>Every period overlapping [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset from, DateTimeOffset to)
    {
        for (var start = Start(from); start < to; start = End(start))
        {
            yield return start;
        }
    }

    [GeneratedRegex(@"^P(\d+)([MY])$")]
    private static partial Regex CalendarCadence();
}
