using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Validation;

public class CanonicalNumberTests
{
    [Theory]
    [InlineData("27", "27")]
    [InlineData("27.0", "27")]
    [InlineData("2.7e1", "27")]
    [InlineData("2.7E+1", "27")]
    [InlineData("270e-1", "27")]
    [InlineData("0027", "27")]
    [InlineData("-0.0", "0")]
    [InlineData("0.50", "0.5")]
    [InlineData("1e3", "1000")]
    [InlineData("-12.340e-3", "-0.01234")]
    public void Spellings_of_one_number_have_one_canonical_form(string raw, string canonical) =>
        Assert.Equal(canonical, CanonicalNumber.Of(raw));

    [Fact]
    public void Twenty_seven_point_followed_by_1100_zeros_is_27()
    {
        Assert.Equal("27", CanonicalNumber.Of("27." + new string('0', 1100)));
    }
}
