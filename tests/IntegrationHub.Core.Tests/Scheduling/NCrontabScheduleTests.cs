using IntegrationHub.Core.Scheduling;

namespace IntegrationHub.Core.Tests.Scheduling;

public class NCrontabScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 15, 7, TimeSpan.Zero);

    [Theory]
    [InlineData("*/30 * * * * *", "2026-11-20T10:15:30Z")]
    [InlineData("0 * * * * *", "2026-11-20T10:16:00Z")]
    [InlineData("0 0 * * * *", "2026-11-20T11:00:00Z")]
    [InlineData("0 30 9 * * 1-5", "2026-11-23T09:30:00Z")]
    [InlineData("0 0 10 18 * *", "2026-12-18T10:00:00Z")]
    [InlineData("15,45 * * * * *", "2026-11-20T10:15:15Z")]
    public void Next_is_the_first_matching_second_after_now(string expression, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), NCrontabSchedule.Parse(expression).Next(Start));

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("61 * * * * *")]
    [InlineData("*/0 * * * * *")]
    public void Malformed_expressions_are_refused(string expression) =>
        Assert.ThrowsAny<FormatException>(() => NCrontabSchedule.Parse(expression));
}
