using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Validation;

public sealed class DecimalPlacesTests
{
    [Theory]
    [InlineData("86.30", 1)]
    [InlineData("1.25e1", 1)]
    [InlineData("12", 0)]
    [InlineData("1e+9999999999", 0)] // a fuzz finding: the exponent overflowed a 32-bit integer and threw
    [InlineData("1.5e-9999999999", int.MaxValue)]
    [InlineData("2.5E-3", 4)]
    public void CountDecimalPlaces_reads_any_exponent_without_throwing(string number, int expected) =>
        Assert.Equal(expected, RuleChecks.CountDecimalPlaces(number));
}
