using static IntegrationHub.Core.Tests.Validation.Schema.SchemaTestHelper;

namespace IntegrationHub.Core.Tests.Validation.Schema;

public sealed class NumberTests
{
    private const string Huge = "98249283749234923498293171823948729348710298301928331";

    [Fact]
    public void A_huge_integer_literal_is_an_integer_and_compares_exactly()
    {
        Assert.True(IsValid("""{ "type": "integer" }""", Huge));
        Assert.True(IsValid("""{ "type": "integer" }""", Huge + ".0"));
        Assert.False(IsValid("""{ "type": "integer" }""", Huge + ".5"));
        Assert.True(IsValid($$"""{ "maximum": {{Huge}} }""", Huge));
        Assert.False(IsValid($$"""{ "exclusiveMaximum": {{Huge}} }""", Huge));
        Assert.False(IsValid($$"""{ "maximum": {{Huge}} }""", "98249283749234923498293171823948729348710298301928332"));
        Assert.True(IsValid($$"""{ "maximum": {{Huge}} }""", "98249283749234923498293171823948729348710298301928330.99999999999999999999"));
        Assert.False(IsValid("""{ "maximum": 1e52 }""", Huge));
        Assert.True(IsValid("""{ "maximum": 1e53 }""", Huge));
        Assert.True(IsValid($$"""{ "const": {{Huge}} }""", "9.8249283749234923498293171823948729348710298301928331e52"));
        Assert.False(IsValid("""{ "multipleOf": 2 }""", Huge));
        Assert.True(IsValid("""{ "multipleOf": 0.5 }""", Huge + "000"));
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1e3", true)]
    [InlineData("1.5e1", true)]
    [InlineData("-0.0", true)]
    [InlineData("1.5", false)]
    [InlineData("1e-1", false)]
    [InlineData("1e308", true)]
    [InlineData("1e400", true)]
    public void Integer_means_a_mathematical_integer(string instance, bool valid)
    {
        Assert.Equal(valid, IsValid("""{ "type": "integer" }""", instance));
    }

    [Theory]
    [InlineData("0.1", "0.3", true)]
    [InlineData("0.1", "0.30000000000000004", false)]
    [InlineData("0.01", "19.99", true)]
    [InlineData("0.01", "19.999", false)]
    [InlineData("0.0001", "0.0075", true)]
    [InlineData("0.0001", "0.00751", false)]
    [InlineData("1.5", "4.5", true)]
    [InlineData("1e-8", "12391239123", true)]
    [InlineData("0.123456789", "1e308", false)]
    [InlineData("0.123456789", "1e99999999999999999999", false)]
    [InlineData("2", "1e99999999999999999999", true)]
    [InlineData("3", "1e99999999999999999999", false)]
    [InlineData("123456789012345678901234567890", "246913578024691357802469135780", true)]
    [InlineData("123456789012345678901234567890", "246913578024691357802469135781", false)]
    [InlineData("7", "-14", true)]
    [InlineData("7", "0", true)]
    public void MultipleOf_is_exact_for_any_literal(string divisor, string instance, bool valid)
    {
        Assert.Equal(valid, IsValid($$"""{ "multipleOf": {{divisor}} }""", instance));
    }

    [Theory]
    [InlineData("1e-400", "0", true, true)]
    [InlineData("-1e-400", "0", false, false)]
    [InlineData("0", "0", true, false)]
    [InlineData("0.30000000000000000000000000000001", "0.3", true, true)]
    [InlineData("0.29999999999999999999999999999999", "0.3", false, false)]
    [InlineData("1e99999999999999999999", "1e308", true, true)]
    [InlineData("-1e99999999999999999999", "-1e308", false, false)]
    [InlineData("-2.0", "-2", true, false)]
    [InlineData("-2.0001", "-2", false, false)]
    [InlineData("20000", "2e4", true, false)]
    public void Lower_bounds_compare_exactly(string instance, string bound, bool aboveOrEqual, bool above)
    {
        Assert.Equal(aboveOrEqual, IsValid($$"""{ "minimum": {{bound}} }""", instance));
        Assert.Equal(above, IsValid($$"""{ "exclusiveMinimum": {{bound}} }""", instance));
    }

    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("100", "1e2", true)]
    [InlineData("0.1", "1e-1", true)]
    [InlineData("0", "-0.0e5", true)]
    [InlineData("9007199254740993", "9007199254740992", false)]
    [InlineData("0.30000000000000000000000000000001", "0.3", false)]
    public void Enum_and_const_compare_numbers_by_value(string constant, string instance, bool equal)
    {
        Assert.Equal(equal, IsValid($$"""{ "const": {{constant}} }""", instance));
        Assert.Equal(equal, IsValid($$"""{ "enum": ["x", {{constant}}] }""", instance));
    }

    [Fact]
    public void Enum_and_const_use_json_equality_for_structures()
    {
        Assert.True(IsValid("""{ "const": { "a": 1, "b": [1, { "c": null }] } }""", """{ "b": [1.0, { "c": null }], "a": 1e0 }"""));
        Assert.False(IsValid("""{ "const": { "a": 1, "b": 2 } }""", """{ "a": 1, "a": 1 }"""));
        Assert.False(IsValid("""{ "const": [1, 2] }""", "[2, 1]"));
        Assert.True(IsValid("""{ "enum": ["a\nb"] }""", "\"a\\u000ab\""));
        Assert.False(IsValid("""{ "enum": [false] }""", "0"));
    }
}
