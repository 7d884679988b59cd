using IntegrationHub.Core.Validation.Schema;
using static IntegrationHub.Core.Tests.Validation.Schema.SchemaTestHelper;

namespace IntegrationHub.Core.Tests.Validation.Schema;

public sealed class EcmaPatternTests
{
    private const string FiveDigits = """{ "pattern": "^\\d{5}$" }""";

    [Theory]
    [InlineData("\"12345\"", true)]
    [InlineData("\"12345\\n\"", false)]
    [InlineData("\"\u0661\u0662\u0663\u0664\u0665\"", false)]
    [InlineData("\"\u0967\u0968\u0969\u096A\u096B\"", false)]
    [InlineData("\"1234\"", false)]
    [InlineData("\"123456\"", false)]
    [InlineData("12345", true)]
    public void Digit_class_is_ascii_and_dollar_is_the_very_end(string instance, bool valid)
    {
        Assert.Equal(valid, IsValid(FiveDigits, instance));
    }

    [Fact]
    public void A_mismatch_names_the_pattern()
    {
        var error = Assert.Single(Validate(FiveDigits, "\"12345\\n\"", "/data/communeCode"));

        Assert.Equal(new SchemaError("/data/communeCode", @"must match pattern ^\d{5}$"), error);
    }

    [Theory]
    [InlineData("^\\\\w+$", "\"abc_09\"", true)]
    [InlineData("^\\\\w+$", "\"é\"", false)]
    [InlineData("^\\\\W$", "\"é\"", true)]
    [InlineData("^\\\\D$", "\"\u0661\"", true)]
    [InlineData("^[\\\\d]+$", "\"\u0661\"", false)]
    [InlineData("^[^\\\\d]$", "\"\u0661\"", true)]
    [InlineData("^[\\\\D]$", "\"5\"", false)]
    [InlineData("^[\\\\W]$", "\"_\"", false)]
    [InlineData("^\\\\s$", "\"\\uFEFF\"", true)]
    [InlineData("^\\\\s$", "\"\\u0085\"", false)]
    [InlineData("^[\\\\S]$", "\"\\u2028\"", false)]
    [InlineData("^.$", "\"\\u2028\"", false)]
    [InlineData("^.$", "\"\\r\"", false)]
    [InlineData("^.$", "\"é\"", true)]
    [InlineData("a\\\\b", "\"aé\"", true)]
    [InlineData("a\\\\b", "\"ab\"", false)]
    [InlineData("a\\\\B", "\"ab\"", true)]
    [InlineData("^[\\\\w-]+$", "\"a-b\"", true)]
    [InlineData("^[a\\\\-z]+$", "\"-\"", true)]
    [InlineData("^[\\\\d-x]+$", "\"-x5\"", true)]
    [InlineData("^[]$", "\"a\"", false)]
    [InlineData("^[^]$", "\"\\n\"", true)]
    [InlineData("^[[]$", "\"[\"", true)]
    [InlineData("^\\\\u{1F4A9}$", "\"💩\"", true)]
    [InlineData("^\\\\x41\\\\u0042$", "\"AB\"", true)]
    [InlineData("^(a)\\\\1$", "\"aa\"", true)]
    [InlineData("^(?<x>a)\\\\k<x>$", "\"aa\"", true)]
    [InlineData("^(?=a)\\\\w$", "\"a\"", true)]
    [InlineData("(?<!b)a", "\"ba\"", false)]
    [InlineData("^\\\\p{L}+$", "\"Đà\"", true)]
    [InlineData("^\\\\.\\\\*$", "\".*\"", true)]
    [InlineData("a+", "\"xxaayy\"", true)]
    [InlineData("^a", "\"ba\"", false)]
    public void Patterns_follow_ecma_262(string pattern, string instance, bool valid)
    {
        Assert.Equal(valid, IsValid($$"""{ "pattern": "{{pattern}}" }""", instance));
    }

    [Theory]
    [InlineData("(?i)abc")]
    [InlineData("\\\\Aabc")]
    [InlineData("abc\\\\Z")]
    [InlineData("\\\\01")]
    [InlineData("(?#comment)")]
    [InlineData("[a")]
    [InlineData("(a")]
    [InlineData("a**")]
    [InlineData("\\\\")]
    [InlineData("(?<x>a)(b)\\\\1")]
    public void Patterns_that_are_not_ecma_262_or_mean_something_else_in_dotnet_are_refused(string pattern)
    {
        var exception = Assert.Throws<SchemaCompileException>(() => Compile($$"""{ "properties": { "code": { "pattern": "{{pattern}}" } } }"""));

        Assert.Equal("pattern", exception.Keyword);
        Assert.Equal("/properties/code/pattern", exception.SchemaPointer);
    }

    [Fact]
    public void A_catastrophic_pattern_that_needs_backtracking_times_out_as_a_failed_match()
    {
        // The lookahead forces the backtracking engine, where (a+)+ is exponential on a non-matching input.
        var instance = "\"" + new string('a', 5000) + "!\"";

        var error = Assert.Single(Validate("""{ "pattern": "^(?!z)(a+)+$" }""", instance, "/data/x"));

        Assert.Equal(new SchemaError("/data/x", "could not be checked against pattern ^(?!z)(a+)+$ within 100 ms"), error);
    }

    [Fact]
    public void A_nested_quantifier_pattern_without_lookarounds_or_backreferences_runs_in_linear_time()
    {
        var instance = "\"" + new string('a', 20_000) + "!\"";

        var error = Assert.Single(Validate("""{ "pattern": "^(a+)+$" }""", instance));

        Assert.Equal("must match pattern ^(a+)+$", error.Detail);
    }
}
