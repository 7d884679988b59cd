using static IntegrationHub.Core.Tests.Validation.Schema.SchemaTestHelper;

namespace IntegrationHub.Core.Tests.Validation.Schema;

public sealed class FormatTests
{
    private const string Date = """{ "format": "date" }""";
    private const string DateTime = """{ "format": "date-time" }""";

    [Theory]
    [InlineData("2024-02-29", true)]
    [InlineData("2000-02-29", true)]
    [InlineData("1900-02-29", false)]
    [InlineData("2023-02-29", false)]
    [InlineData("2020-02-30", false)]
    [InlineData("2020-04-31", false)]
    [InlineData("2020-12-31", true)]
    [InlineData("2020-13-01", false)]
    [InlineData("2020-00-10", false)]
    [InlineData("2020-01-00", false)]
    [InlineData("0000-01-01", false)] // valid RFC 3339 syntax, but no instant the hub can hold (docs/adr/0006-time-and-event-attributes.md)
    [InlineData("0001-01-01", true)]
    [InlineData("2020-1-01", false)]
    [InlineData("20200101", false)]
    [InlineData("2020-01-01T00:00:00Z", false)]
    [InlineData("2020-01-0\u0661", false)]
    [InlineData("\uFF12020-01-01", false)]
    [InlineData("2020-01-01\\n", false)]
    [InlineData("", false)]
    public void Date_is_an_rfc_3339_full_date_with_real_calendar_days(string value, bool valid)
    {
        Assert.Equal(valid, IsValid(Date, $"\"{value}\""));
    }

    [Theory]
    [InlineData("2025-06-30T08:15:00+07:00", true)]
    [InlineData("2025-06-30t08:15:00z", true)]
    [InlineData("2025-06-30T08:15:00.123456789Z", true)]
    [InlineData("2025-06-30T08:15:00-00:00", true)]
    [InlineData("2025-06-30T08:15:00", false)]
    [InlineData("2025-06-30 08:15:00Z", false)]
    [InlineData("2025-06-30T08:15Z", false)]
    [InlineData("2025-06-30T08:15:00.Z", false)]
    [InlineData("2025-06-30T08:15:00+0700", false)]
    [InlineData("2025-06-30T08:15:00+07", false)]
    [InlineData("2025-06-30T08:15:00+24:00", false)]
    [InlineData("2025-06-30T08:15:00+07:60", false)]
    [InlineData("2025-06-30T24:00:00Z", false)]
    [InlineData("2025-02-29T08:15:00Z", false)]
    [InlineData("2016-12-31T23:59:60Z", true)]
    [InlineData("2017-01-01T06:59:60+07:00", true)]
    [InlineData("2016-12-31T23:59:60+07:00", false)]
    [InlineData("2016-12-31T18:29:60-05:30", true)]
    [InlineData("2016-12-31T23:58:60Z", false)]
    [InlineData("2016-12-31T23:59:61Z", false)]
    [InlineData("2025-06-30T08:15:00Z ", false)]
    [InlineData("2025-06-30T08:15:00Z\\n", false)]
    [InlineData("2025-06-30T0\u0668:15:00Z", false)]
    public void Date_time_is_an_rfc_3339_date_time_with_offset_and_leap_second_rules(string value, bool valid)
    {
        Assert.Equal(valid, IsValid(DateTime, $"\"{value}\""));
    }

    [Fact]
    public void Escaped_characters_are_decoded_before_the_format_check()
    {
        Assert.True(IsValid(Date, "\"\\u0032020-01-01\""));
        Assert.False(IsValid(Date, "\"2020-01-01\\u0000\""));
        Assert.False(IsValid(Date, "\"2020-01-0\\ud800\""));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("true")]
    public void Formats_ignore_values_that_are_not_strings(string instance)
    {
        Assert.True(IsValid(Date, instance));
        Assert.True(IsValid(DateTime, instance));
    }

    [Fact]
    public void Unknown_formats_are_annotations()
    {
        Assert.True(IsValid("""{ "format": "email" }""", "\"not an email\""));
        Assert.True(IsValid("""{ "format": "made-up" }""", "\"anything\""));
    }
}
