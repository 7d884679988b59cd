using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Tests.Support;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Contracts;

public class RuleVocabularyTests
{
    private static readonly DateTimeOffset Noon = SampleTime.Now;

    private static List<ValidationError> Evaluate(string eventJson, DateTimeOffset now, params RuleDefinition[] rules)
    {
        using var evt = JsonDocument.Parse(eventJson);
        var errors = new List<ValidationError>();
        new RuleEvaluator(Support.Contracts.AdminUnits, new ValidationOptions(), new FakeTimeProvider(now))
            .Evaluate(rules, evt.RootElement, Support.Contracts.AdminUnits.CurrentVersion, errors);
        return errors;
    }

    private static RuleDefinition Compare(RuleKind kind) => new(kind, "/data/a", "/data/b", TimeSpan.Zero, null);

    [Theory]
    [InlineData(RuleKind.LessThan, 1, 2, true)]
    [InlineData(RuleKind.LessThan, 2, 2, false)]
    [InlineData(RuleKind.LessThanOrEqual, 2, 2, true)]
    [InlineData(RuleKind.LessThanOrEqual, 3, 2, false)]
    [InlineData(RuleKind.GreaterThan, 3, 2, true)]
    [InlineData(RuleKind.GreaterThan, 2, 2, false)]
    [InlineData(RuleKind.GreaterThanOrEqual, 2, 2, true)]
    [InlineData(RuleKind.GreaterThanOrEqual, 1, 2, false)]
    [InlineData(RuleKind.Equal, 2, 2, true)]
    [InlineData(RuleKind.Equal, 1, 2, false)]
    public void Comparison_of_numbers_holds_or_reports_at_the_left_hand_side(RuleKind kind, int a, int b, bool holds)
    {
        var errors = Evaluate($$$"""{"data":{"a":{{{a}}},"b":{{{b}}}}}""", Noon, Compare(kind));
        Assert.Equal(holds, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal("/data/a", e.Pointer));
    }

    [Fact]
    public void Comparison_of_date_times_uses_instants_across_offsets()
    {
        // 08:00+07:00 is 01:00Z: earlier than 02:00Z even though "08" > "02" as text.
        Assert.Empty(Evaluate("""{"data":{"a":"2026-11-01T08:00:00+07:00","b":"2026-11-01T02:00:00Z"}}""", Noon, Compare(RuleKind.LessThanOrEqual)));
        Assert.Single(Evaluate("""{"data":{"a":"2026-11-01T10:00:00+07:00","b":"2026-11-01T02:00:00Z"}}""", Noon, Compare(RuleKind.LessThanOrEqual)));
    }

    [Theory]
    [InlineData("""{"data":{"b":2}}""")]
    [InlineData("""{"data":{"a":null,"b":2}}""")]
    [InlineData("""{"data":{"a":"3","b":2}}""")]
    [InlineData("""{"data":{"a":3,"b":"x"}}""")]
    public void Comparison_is_skipped_when_an_operand_is_absent_null_or_of_the_wrong_type(string json) =>
        Assert.Empty(Evaluate(json, Noon, Compare(RuleKind.LessThanOrEqual)));

    [Fact]
    public void Not_after_now_reads_calendar_dates_in_the_province_time_zone()
    {
        var rule = new RuleDefinition(RuleKind.NotAfterNow, "/data/d", null, TimeSpan.Zero, null);
        // 2026-11-20T18:30Z is already 2026-11-21 01:30 in the province: the 21st is today there, not the future.
        var lateEveningUtc = new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero);
        Assert.Empty(Evaluate("""{"data":{"d":"2026-11-21"}}""", lateEveningUtc, rule));
        Assert.Single(Evaluate("""{"data":{"d":"2026-11-22"}}""", lateEveningUtc, rule));
        Assert.Single(Evaluate("""{"data":{"d":"2026-11-21"}}""", new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.Zero), rule));
    }

    [Fact]
    public void Not_after_now_allows_the_declared_tolerance_for_date_times()
    {
        var rule = new RuleDefinition(RuleKind.NotAfterNow, "/time", null, TimeSpan.FromMinutes(5), null);
        Assert.Empty(Evaluate("""{"time":"2026-11-20T12:04:59+07:00"}""", Noon, rule));
        var errors = Evaluate("""{"time":"2026-11-20T12:05:01+07:00"}""", Noon, rule);
        Assert.Equal("/time", Assert.Single(errors).Pointer);
    }

    [Fact]
    public void Old_data_is_never_rejected_for_being_old()
    {
        var rule = new RuleDefinition(RuleKind.NotAfterNow, "/data/d", null, TimeSpan.Zero, null);
        Assert.Empty(Evaluate("""{"data":{"d":"1999-01-01"}}""", Noon, rule));
    }

    [Theory]
    [InlineData("04795", true)]  // Phường Hoà Bình, province 25
    [InlineData("07210", false)] // Phường Bắc Giang, province 24: not in this hub's list
    [InlineData("99999", false)]
    public void Admin_unit_rule_accepts_only_communes_of_the_hubs_province(string code, bool valid)
    {
        var rule = new RuleDefinition(RuleKind.AdminUnitInProvince, "/data/c", null, TimeSpan.Zero, null);
        var errors = Evaluate($$$"""{"data":{"c":"{{{code}}}"}}""", Noon, rule);
        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void A_rule_message_replaces_the_default_detail()
    {
        var rule = new RuleDefinition(RuleKind.LessThanOrEqual, "/data/a", "/data/b", TimeSpan.Zero, "present cannot exceed enrolled");
        Assert.Equal("present cannot exceed enrolled", Assert.Single(Evaluate("""{"data":{"a":3,"b":2}}""", Noon, rule)).Detail);
    }

    [Fact]
    public void Rules_outside_the_vocabulary_stop_the_contract_from_loading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"rules":[{"assert":"matchesRegistry","field":"/data/a"}]}""");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => FeedCatalogue.LoadRules(path));
            Assert.Contains("matchesRegistry", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_comparison_without_its_right_hand_side_stops_the_contract_from_loading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"rules":[{"assert":"lte","field":"/data/a"}]}""");
        try
        {
            Assert.Throws<InvalidDataException>(() => FeedCatalogue.LoadRules(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
