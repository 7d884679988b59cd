using static IntegrationHub.Core.Tests.Validation.Schema.SchemaTestHelper;

namespace IntegrationHub.Core.Tests.Validation.Schema;

public sealed class StringLengthTests
{
    [Theory]
    [InlineData("\"💩💩\"", 2)]
    [InlineData("\"\\ud83d\\udca9\\ud83d\\udca9\"", 2)]
    [InlineData("\"Nguyễn\"", 6)]
    [InlineData("\"Nguye\u0302\u0303n\"", 8)]
    [InlineData("\"\\ud800x\"", 2)]
    [InlineData("\"\"", 0)]
    [InlineData("\"a\\nb\"", 3)]
    public void Lengths_count_unicode_code_points(string instance, int codePoints)
    {
        Assert.True(IsValid($$"""{ "minLength": {{codePoints}}, "maxLength": {{codePoints}} }""", instance));
        Assert.False(IsValid($$"""{ "minLength": {{codePoints + 1}} }""", instance));
        if (codePoints > 0)
        {
            Assert.False(IsValid($$"""{ "maxLength": {{codePoints - 1}} }""", instance));
        }
    }

    [Fact]
    public void Length_limits_may_be_written_as_integral_decimals()
    {
        Assert.False(IsValid("""{ "maxLength": 2.0 }""", "\"abc\""));
        Assert.True(IsValid("""{ "minLength": 1e1 }""", "\"abcdefghij\""));
    }
}
