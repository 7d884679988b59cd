using System.Globalization;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Contracts;

public class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-11-20T12:00:00+07:00", "2026-11-20T05:00:00.0000000+00:00")]
    [InlineData("2026-11-20t05:00:00z", "2026-11-20T05:00:00.0000000+00:00")]
    [InlineData("2026-11-20T05:00:00.1234567Z", "2026-11-20T05:00:00.1234567+00:00")]
    [InlineData("2026-11-20T05:00:00.123456789Z", "2026-11-20T05:00:00.1234567+00:00")]
    [InlineData("2024-02-29T23:59:59-05:30", "2024-03-01T05:29:59.0000000+00:00")]
    public void Date_times_are_read_as_instants(string text, string expectedUtc)
    {
        Assert.True(Rfc3339.TryParseDateTime(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("2026-11-20T12:00:00")]
    [InlineData("2026-11-20 12:00:00Z")]
    [InlineData("2026-02-30T12:00:00Z")]
    [InlineData("2026-11-20T24:00:00Z")]
    [InlineData("2026-11-20T12:00:00.Z")]
    [InlineData("2026-11-20T12:00:00+7:00")]
    [InlineData("２０２６-11-20T12:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void Anything_else_is_not_a_date_time(string text) => Assert.False(Rfc3339.TryParseDateTime(text, out _));
}
