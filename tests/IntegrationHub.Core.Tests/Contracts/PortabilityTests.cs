using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Tests.Support;

namespace IntegrationHub.Core.Tests.Contracts;

public class PortabilityTests
{
    [Theory]
    [InlineData("^[0-9]{5}$")]
    [InlineData("^[A-Z0-9.-]{6,40}$")]
    [InlineData("^[1-3]\\.[0-9]{6}$")]
    [InlineData("^[0-9]{4}-(0[1-9]|1[0-2])$")]
    [InlineData("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?\\+07:00$")]
    [InlineData("^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+\\.v[1-9][0-9]*$")]
    [InlineData("^(?:ab|cd){2,}[^0-9]$")]
    [InlineData("^[-A-Z_]+$")]
    public void Patterns_of_the_subset_are_portable(string pattern) => Assert.Null(PortablePattern.Check(pattern));

    [Theory]
    [InlineData("[0-9]{5}", "anchored")]
    [InlineData("^[0-9]{5}", "anchored")]
    [InlineData("^[0-9]{5}\\$", "anchored")]
    [InlineData("^\\d{5}$", "\\d")]
    [InlineData("^\\w+$", "\\w")]
    [InlineData("^a.b$", "'.'")]
    [InlineData("^(?=a)a$", "lookaround")]
    [InlineData("^(?<x>a)$", "lookaround")]
    [InlineData("^(a)\\1$", "\\1")]
    [InlineData("^a+?$", "lazy")]
    [InlineData("^a{,3}$", "quantifier")]
    [InlineData("^a{3,2}$", "n ≤ m")]
    [InlineData("^[a-Z]$", "range")]
    [InlineData("^[A-Z-a]$", "'-'")]
    [InlineData("^[[a]]$", "nested")]
    [InlineData("^[a&&b]$", "intersection")]
    [InlineData("^Hoà$", "ASCII")]
    [InlineData("^(ab$", "unbalanced")]
    [InlineData("^ab)$", "unbalanced")]
    [InlineData("^[]$", "class")]
    [InlineData("^a^b$", "ends")]
    public void Patterns_outside_the_subset_are_refused_with_the_reason(string pattern, string reason) =>
        Assert.Contains(reason, PortablePattern.Check(pattern) ?? "(accepted)", StringComparison.Ordinal);

    [Fact]
    public void A_decimal_multiple_of_is_refused_and_an_integer_one_accepted()
    {
        var issues = Check("""{"properties":{"a":{"type":"number","multipleOf":0.1},"b":{"type":"integer","multipleOf":5}}}""");
        Assert.Equal("/properties/a/multipleOf", Assert.Single(issues).Split(':')[0]);
    }

    [Fact]
    public void A_decimal_bound_needs_a_decimal_places_rule_on_the_same_field()
    {
        const string Schema = """{"properties":{"lat":{"type":"number","minimum":20.3,"maximum":21},"n":{"allOf":[{"properties":{"x":{"maximum":1.5}}}]}}}""";
        var rule = new RuleDefinition(RuleKind.DecimalPlaces, "/data/lat", null, TimeSpan.Zero, null) { Places = 6 };

        Assert.Equal(["/properties/lat/minimum", "/properties/n/allOf/0/properties/x/maximum"], Check(Schema).Select(i => i.Split(':')[0]));
        Assert.Equal(["/properties/n/allOf/0/properties/x/maximum"], Check(Schema, rule).Select(i => i.Split(':')[0]));
    }

    [Fact]
    public void A_bound_with_more_digits_than_a_double_holds_is_refused()
    {
        var rule = new RuleDefinition(RuleKind.DecimalPlaces, "/data/a", null, TimeSpan.Zero, null) { Places = 20 };
        Assert.Single(Check("""{"properties":{"a":{"maximum":0.12345678901234567}}}""", rule));
    }

    [Fact]
    public void A_pattern_inside_conditionals_is_checked_too() =>
        Assert.Single(Check("""{"if":{"properties":{"a":{"const":1}}},"then":{"properties":{"b":{"pattern":"^\\d$"}}}}"""));

    [Fact]
    public void Every_contract_of_the_catalogue_is_portable()
    {
        var catalogue = Support.Contracts.Catalogue;
        using var envelope = JsonDocument.Parse(catalogue.EnvelopeSchemaJson);
        Assert.Empty(ContractPortability.Check(envelope.RootElement, catalogue.EnvelopeRules, ""));
        foreach (var version in catalogue.Feeds.SelectMany(f => f.Versions))
        {
            using var schema = JsonDocument.Parse(version.SchemaJson);
            Assert.Empty(ContractPortability.Check(schema.RootElement, version.Rules, "/data"));
        }
    }

    [Fact]
    public void The_catalogue_refuses_to_load_a_contract_that_is_not_portable()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portability-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(RepoPaths.Contracts, folder);
        try
        {
            var schema = Path.Combine(folder, "land.parcel-record", "v1.schema.json");
            File.WriteAllText(schema, File.ReadAllText(schema).Replace("\"maximum\": 10000000,", "\"maximum\": 10000000, \"multipleOf\": 0.1,", StringComparison.Ordinal));

            var error = Assert.Throws<InvalidDataException>(() => FeedCatalogue.Load(folder));
            Assert.Contains("/properties/areaM2/multipleOf", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IReadOnlyList<string> Check(string schema, params RuleDefinition[] rules)
    {
        using var document = JsonDocument.Parse(schema);
        return ContractPortability.Check(document.RootElement, rules, "/data");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
