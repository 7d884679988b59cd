using Cronos;

namespace IntegrationHub.Functions.Hosting.Runner;

/// <summary>
/// A timer trigger's NCRONTAB expression as the Functions host reads it: six fields, seconds first
/// (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>), in UTC. Parsed by Cronos.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CronExpression _expression;

    private TimerSchedule(CronExpression expression) => _expression = expression;

    /// <exception cref="FormatException">Not a six-field NCRONTAB expression.</exception>
    public static TimerSchedule Parse(string expression)
    {
        if (expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            throw new FormatException($"'{expression}' is not a six-field NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}).");
        }

        try
        {
            return new TimerSchedule(CronExpression.Parse(expression, CronFormat.IncludeSeconds));
        }
        catch (CronFormatException e)
        {
            throw new FormatException($"'{expression}' is not a valid NCRONTAB expression: {e.Message}", e);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset now) =>
        _expression.GetNextOccurrence(now, TimeZoneInfo.Utc, inclusive: false)
        ?? throw new InvalidOperationException("The schedule has no next occurrence.");
}
