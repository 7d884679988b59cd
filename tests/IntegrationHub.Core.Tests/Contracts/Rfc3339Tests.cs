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
    [InlineData("2026-11-20T23:00:00+23:59", "2026-11-19T23:01:00.0000000+00:00")] // beyond DateTimeOffset's ±14:00 (found by fuzzing)
    [InlineData("2026-11-20T00:00:00-18:00", "2026-11-20T18:00:00.0000000+00:00")]
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

    [Theory]
    [InlineData("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.9999999+00:00")]
    [InlineData("2017-01-01T06:59:60+07:00", "2016-12-31T23:59:59.9999999+00:00")]
    [InlineData("1998-12-31T15:59:60.123-08:00", "1998-12-31T23:59:59.9999999+00:00")]
    public void A_leap_second_is_read_as_the_last_tick_of_its_minute(string text, string expectedUtc)
    {
        Assert.True(Rfc3339.TryParseDateTime(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), value);
        Assert.True(value < new DateTimeOffset(value.UtcDateTime.Date.AddDays(1), TimeSpan.Zero));
    }

    [Theory]
    [InlineData("2016-12-31T23:58:60Z")]
    [InlineData("2016-12-31T23:59:60+07:00")]
    [InlineData("2016-12-31T23:59:61Z")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    public void A_leap_second_outside_the_last_utc_minute_or_an_instant_out_of_range_is_not_a_date_time(string text) =>
        Assert.False(Rfc3339.TryParseDateTime(text, out _));

    [Theory]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2016-12-31T23:58:60Z")]
    [InlineData("2026-11-20T12:00:00+07:00")]
    [InlineData("2026-11-20T12:00:00.5z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("0001-01-01T00:00:00-01:00")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-02-29T00:00:00Z")]
    [InlineData("2026-11-20T12:00:00")]
    [InlineData("２０２６-11-20T12:00:00Z")]
    public void The_schema_format_accepts_exactly_what_the_parser_reads(string text)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.Equal(Rfc3339.TryParseDateTime(text, out _), Rfc3339.IsDateTime(utf8));
    }

    [Fact]
    public void An_event_time_on_a_leap_second_is_valid_and_carries_its_instant()
    {
        var check = RecordValidatorTests.ValidateSample("edu.school-status", e => e["time"] = "2016-12-31T23:59:60Z");

        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal(new DateTimeOffset(2016, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(TimeSpan.TicksPerSecond - 1), check.Time);
    }

    [Fact]
    public void An_event_time_on_a_future_leap_second_is_held_to_the_not_after_now_rule()
    {
        var check = RecordValidatorTests.ValidateSample("edu.school-status", e => e["time"] = "2099-12-31T23:59:60Z");

        Assert.Equal("/time", Assert.Single(check.Errors).Pointer);
        Assert.Null(check.Time);
    }

    [Theory]
    [InlineData("0001-01-01", 7)]
    [InlineData("0001-01-01", 14)]
    public void A_date_whose_start_lies_before_the_first_representable_instant_is_no_instant(string text, int offsetHours) =>
        Assert.False(Rfc3339.TryParseInstant(text, TimeSpan.FromHours(offsetHours), out _, out _));

    [Fact]
    public void A_date_is_read_as_its_midnight_at_the_offset()
    {
        Assert.True(Rfc3339.TryParseInstant("0001-01-02", TimeSpan.FromHours(7), out var value, out var isDate));
        Assert.True(isDate);
        Assert.Equal(new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.FromHours(7)), value);
    }
}
