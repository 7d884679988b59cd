using System.Globalization;

namespace IntegrationHub.Core.Scheduling;

/// <summary>
/// The six-field NCRONTAB expressions of Azure Functions timer triggers (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>),
/// so the app's own scheduler fires on exactly the schedule written in each timer's function.json.
/// Supports <c>*</c>, numbers, ranges <c>a-b</c>, lists <c>a,b</c> and steps <c>*/n</c>, <c>a-b/n</c>.
/// </summary>
public sealed class NCrontabSchedule
{
    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _weekdays;

    private NCrontabSchedule(string[] fields)
    {
        _seconds = Field(fields[0], 0, 59);
        _minutes = Field(fields[1], 0, 59);
        _hours = Field(fields[2], 0, 23);
        _days = Field(fields[3], 1, 31);
        _months = Field(fields[4], 1, 12);
        _weekdays = Field(fields[5].Replace('7', '0'), 0, 6);
    }

    public static NCrontabSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException($"'{expression}' is not a six-field NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}).");
        }

        return new NCrontabSchedule(fields);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC, whole seconds).</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        var t = new DateTimeOffset(after.UtcDateTime.Ticks - (after.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTimeOffset(t.Year, t.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
                continue;
            }

            if (!_days[t.Day] || !_weekdays[(int)t.DayOfWeek])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
                continue;
            }

            if (!_hours[t.Hour])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
                continue;
            }

            if (!_minutes[t.Minute])
            {
                t = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero).AddMinutes(1);
                continue;
            }

            if (!_seconds[t.Second])
            {
                t = t.AddSeconds(1);
                continue;
            }

            return t;
        }

        throw new InvalidOperationException("The schedule has no occurrence in the next five years.");
    }

    private static bool[] Field(string text, int min, int max)
    {
        var allowed = new bool[max + 1];
        foreach (var part in text.Split(','))
        {
            var step = 1;
            var range = part;
            var slash = part.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                step = int.Parse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
                range = part[..slash];
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Contains('-', StringComparison.Ordinal))
            {
                var bounds = range.Split('-');
                (from, to) = (Number(bounds[0]), Number(bounds[1]));
            }
            else
            {
                from = Number(range);
                to = slash >= 0 ? max : from;
            }

            if (from < min || to > max || from > to || step < 1)
            {
                throw new FormatException($"'{part}' is out of range {min}-{max}.");
            }

            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        return allowed;
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
