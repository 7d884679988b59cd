using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Tests.Support;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Contracts;

/// <summary>The rules added for the later feeds: exact decimal places, weekdays, scaled comparisons and months.</summary>
public class RuleVocabularyExtensionTests
{
    private static List<ValidationError> Evaluate(string eventJson, params RuleDefinition[] rules)
    {
        using var evt = JsonDocument.Parse(eventJson);
        var errors = new List<ValidationError>();
        new RuleEvaluator(Support.Contracts.AdminUnits, new ValidationOptions(), SampleTime.Clock())
            .Evaluate(rules, evt.RootElement, Support.Contracts.AdminUnits.CurrentVersion, errors);
        return errors;
    }

    private static RuleDefinition Places(int places) => new(RuleKind.DecimalPlaces, "/data/a", null, TimeSpan.Zero, null) { Places = places };

    [Theory]
    [InlineData("86.3", 1, true)]
    [InlineData("86.30", 1, true)]
    [InlineData("86", 1, true)]
    [InlineData("86.25", 1, false)]
    [InlineData("8.6255e1", 2, false)]
    [InlineData("8.6255e1", 3, true)]
    [InlineData("1e-2", 2, true)]
    [InlineData("1E-3", 2, false)]
    [InlineData("0.1", 0, false)]
    [InlineData("123456789012345678.5", 1, true)]
    public void Decimal_places_are_counted_on_the_number_as_written(string number, int places, bool holds)
    {
        var errors = Evaluate($$$"""{"data":{"a":{{{number}}}}}""", Places(places));
        Assert.Equal(holds, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal("/data/a", e.Pointer));
    }

    [Fact]
    public void Decimal_places_skip_values_that_are_not_numbers() =>
        Assert.Empty(Evaluate("""{"data":{"a":"86.25"}}""", Places(1)));

    [Theory]
    [InlineData("2026-11-09", true)]
    [InlineData("2026-11-11", false)]
    [InlineData("2026-11-15", false)]
    [InlineData("not a date", true)]
    public void Weekday_holds_only_on_the_declared_day(string date, bool holds)
    {
        var rule = new RuleDefinition(RuleKind.Weekday, "/data/a", null, TimeSpan.Zero, null) { Day = DayOfWeek.Monday };
        var errors = Evaluate($$$"""{"data":{"a":"{{{date}}}"}}""", rule);
        Assert.Equal(holds, errors.Count == 0);
        Assert.All(errors, e => Assert.Contains("Monday", e.Detail, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(100000000, 2, true)]
    [InlineData(100000001, 2, false)]
    [InlineData(0, 0, true)]
    [InlineData(1, 0, false)]
    public void A_factor_scales_the_right_hand_side_exactly(long amount, long beneficiaries, bool holds)
    {
        var rule = new RuleDefinition(RuleKind.LessThanOrEqual, "/data/a", "/data/b", TimeSpan.Zero, null) { Factor = 50_000_000 };
        var errors = Evaluate($$$"""{"data":{"a":{{{amount}}},"b":{{{beneficiaries}}}}}""", rule);
        Assert.Equal(holds, errors.Count == 0);
        Assert.All(errors, e => Assert.Contains("× 50000000", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void A_factor_beyond_decimal_range_is_still_compared_exactly()
    {
        var rule = new RuleDefinition(RuleKind.LessThanOrEqual, "/data/a", "/data/b", TimeSpan.Zero, null) { Factor = long.MaxValue };
        Assert.Empty(Evaluate("""{"data":{"a":1,"b":79228162514264337593543950335}}""", rule));
        Assert.Single(Evaluate("""{"data":{"a":79228162514264337593543950335,"b":0}}""", rule));
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-10", true)]
    [InlineData("2026-12", false)]
    [InlineData("2027-01", false)]
    [InlineData("2026-13", true)] // not a month: the schema's pattern reports it
    public void Not_after_now_reads_months_in_the_province_time_zone(string month, bool holds)
    {
        var rule = new RuleDefinition(RuleKind.NotAfterNow, "/data/a", null, TimeSpan.Zero, null);
        Assert.Equal(holds, Evaluate($$$"""{"data":{"a":"{{{month}}}"}}""", rule).Count == 0);
    }

    [Fact]
    public void A_month_turns_at_midnight_in_the_province_not_in_utc()
    {
        // 2026-11-30T18:00Z is 2026-12-01T01:00+07:00: December has begun in the province.
        using var evt = JsonDocument.Parse("""{"data":{"a":"2026-12"}}""");
        var errors = new List<ValidationError>();
        new RuleEvaluator(Support.Contracts.AdminUnits, new ValidationOptions(), SampleTime.Clock(new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero)))
            .Evaluate([new RuleDefinition(RuleKind.NotAfterNow, "/data/a", null, TimeSpan.Zero, null)], evt.RootElement, Support.Contracts.AdminUnits.CurrentVersion, errors);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("""{"assert":"decimalPlaces","field":"/data/a"}""", "needs 'places'")]
    [InlineData("""{"assert":"weekday","field":"/data/a"}""", "needs 'day'")]
    [InlineData("""{"assert":"weekday","field":"/data/a","day":"Monday"}""", "lower-case")]
    [InlineData("""{"assert":"notAfterNow","field":"/data/a","factor":3}""", "only for comparisons")]
    [InlineData("""{"assert":"lte","field":"/data/a","than":"/data/b","factor":0}""", "positive integer")]
    public void A_rule_with_missing_or_misplaced_parameters_stops_the_load(string rule, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$$"""{"rules":[{{{rule}}}]}""");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => FeedCatalogue.LoadRules(path));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
