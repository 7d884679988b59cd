using IntegrationHub.Functions.Hosting.Runner;

namespace IntegrationHub.Functions.Tests.FunctionsProtocol;

/// <summary>The local runner reads timer schedules as the Functions host does: six-field NCRONTAB, seconds first, UTC.</summary>
public class TimerScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 15, 7, TimeSpan.Zero); // a Friday

    [Theory]
    [InlineData("*/30 * * * * *", "2026-11-20T10:15:30Z")]
    [InlineData("0 * * * * *", "2026-11-20T10:16:00Z")]
    [InlineData("0 0 * * * *", "2026-11-20T11:00:00Z")]
    [InlineData("0 30 9 * * 1-5", "2026-11-23T09:30:00Z")]
    [InlineData("0 0 10 18 * *", "2026-12-18T10:00:00Z")]
    [InlineData("15,45 * * * * *", "2026-11-20T10:15:15Z")]
    [InlineData("0 0 8 * * 1-7", "2026-11-21T08:00:00Z")] // Monday to Sunday, 7 being Sunday: every day
    [InlineData("0 0 8 * * 7", "2026-11-22T08:00:00Z")]
    public void Next_is_the_first_matching_second_after_now(string expression, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimerSchedule.Parse(expression).Next(Start));

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("61 * * * * *")]
    [InlineData("*/0 * * * * *")]
    [InlineData("0 0 8 * * 8")]
    public void Malformed_expressions_are_refused(string expression) =>
        Assert.ThrowsAny<FormatException>(() => TimerSchedule.Parse(expression));
}
