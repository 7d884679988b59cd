using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Tests.Ioc;

public class ProvinceTimeTests
{
    private readonly ProvinceTime _time = new(TimeSpan.FromHours(7));

    [Fact]
    public void Hour_keys_and_days_are_read_in_province_time()
    {
        var utcEvening = new DateTimeOffset(2026, 11, 19, 17, 30, 0, TimeSpan.Zero); // 00:30 on the 20th in the province
        Assert.Equal("2026112000", _time.HourKey(utcEvening));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(7)), _time.DayStart(utcEvening));
        Assert.Equal(_time.HourStart(utcEvening), _time.ParseHourKey("2026112000"));
    }
}
