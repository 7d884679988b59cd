using System.Text.Json;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Validation;

public class ExactComparisonTests
{
    [Theory]
    // Beyond decimal's 28 significant digits: decimal would round both sides to equal.
    [InlineData("0.10000000000000000000000000000001", "0.1", 1)]
    [InlineData("0.09999999999999999999999999999999", "0.1", -1)]
    // Beyond decimal's range: double would round these to equal.
    [InlineData("100000000000000000000000000000001", "100000000000000000000000000000000", 1)]
    [InlineData("1e400", "1e399", 1)]
    [InlineData("-1e400", "-1e399", -1)]
    [InlineData("1e-400", "0", 1)]
    [InlineData("2.5e1", "25", 0)]
    [InlineData("-0", "0", 0)]
    [InlineData("-0.0", "0.00", 0)]
    [InlineData("12.340e-3", "0.01234", 0)]
    [InlineData("-3", "2", -1)]
    public void Numbers_compare_exactly_on_their_literals(string left, string right, int expected) =>
        Assert.Equal(expected, Math.Sign(RuleChecks.Compare(Number(left), Number(right))));

    [Theory]
    [InlineData("1000", "10", 100, 0)]
    [InlineData("1000.0000000000000000000000000001", "10", 100, 1)]
    [InlineData("999.99999999999999999999999999999", "10", 100, -1)]
    [InlineData("1.5e30", "1.5e28", 100, 0)]
    [InlineData("1.5e30", "1.6e28", 100, -1)]
    [InlineData("0.5", "0.005", 100, 0)]
    [InlineData("-1", "-0.01", 100, 0)]
    [InlineData("7.0", "0.0700000000000000000000000000001", 100, -1)]
    public void A_scaled_comparison_is_exact(string left, string right, long factor, int expected) =>
        Assert.Equal(expected, Math.Sign(RuleChecks.CompareScaled(Number(left), Number(right), factor)));

    [Fact]
    public void Comparison_agrees_with_decimal_wherever_decimal_is_exact()
    {
        var values = new[] { "0", "1", "-1", "0.5", "2.25", "-7.125", "1e3", "123456.789", "-0.001", "99999999999" };
        foreach (var a in values)
        {
            foreach (var b in values)
            {
                var expected = Math.Sign(decimal.Parse(a, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
                    .CompareTo(decimal.Parse(b, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)));
                Assert.Equal(expected, Math.Sign(RuleChecks.Compare(Number(a), Number(b))));
            }
        }
    }

    private static JsonElement Number(string literal) => JsonDocument.Parse(literal).RootElement.Clone();
}
