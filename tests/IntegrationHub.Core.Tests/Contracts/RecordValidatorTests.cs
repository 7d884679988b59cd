using System.Text.Json;
using IntegrationHub.Core.Tests.Support;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Contracts;

public class RecordValidatorTests
{
    private static readonly string ValidSample = File.ReadAllText(Directory.GetFiles(
        Path.Combine(RepoPaths.Contracts, "edu.school-status", "samples", "valid"), "*.json").Order(StringComparer.Ordinal).First());

    internal static RecordCheck ValidateSample(string feedId, Action<Dictionary<string, object?>> change) => Validate(feedId, change);

    private static RecordCheck Validate(string feedId, Action<Dictionary<string, object?>> change)
    {
        var evt = JsonSerializer.Deserialize<Dictionary<string, object?>>(ValidSample)!;
        change(evt);
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(evt));
        return Support.Contracts.Validator().Validate(Support.Contracts.Catalogue.Find(feedId)!, document.RootElement);
    }

    [Fact]
    public void A_type_of_another_feed_is_rejected_at_type()
    {
        var check = Validate("health.facility-interop", _ => { });
        Assert.Equal("/type", Assert.Single(check.Errors).Pointer);
    }

    [Fact]
    public void An_unknown_major_version_is_rejected_at_type()
    {
        var check = Validate("edu.school-status", e => e["type"] = "edu.school-status.v7");
        var error = Assert.Single(check.Errors);
        Assert.Equal("/type", error.Pointer);
        Assert.Contains("v7", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_admin_code_list_version_is_rejected_at_admincodes()
    {
        var check = Validate("edu.school-status", e => e["admincodes"] = "QD99-2031");
        Assert.Equal("/admincodes", Assert.Single(check.Errors).Pointer);
    }

    [Fact]
    public void A_subject_other_than_the_entity_key_is_rejected_at_subject()
    {
        var check = Validate("edu.school-status", e => e["subject"] = "someone-else");
        Assert.Equal("/subject", Assert.Single(check.Errors).Pointer);
    }

    [Fact]
    public void A_valid_event_gets_its_entity_key_as_subject()
    {
        var check = Validate("edu.school-status", _ => { });
        Assert.True(check.IsValid);
        using var sample = JsonDocument.Parse(ValidSample);
        Assert.Equal(sample.RootElement.GetProperty("data").GetProperty("schoolCode").GetString(), check.Subject);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"event\"")]
    [InlineData("null")]
    public void Something_that_is_not_an_object_is_rejected_at_the_root(string json)
    {
        using var document = JsonDocument.Parse(json);
        var check = Support.Contracts.Validator().Validate(Support.Contracts.Catalogue.Feeds[0], document.RootElement);
        Assert.Equal("", Assert.Single(check.Errors).Pointer);
    }

    [Fact]
    public void Every_contract_uses_only_profile_keywords()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Contracts, "*.schema.json", SearchOption.AllDirectories))
        {
            using var schema = JsonDocument.Parse(File.ReadAllBytes(file));
            Assert.Empty(IntegrationHub.Core.Validation.Schema.SchemaProfile.FindOutOfProfileKeywords(schema.RootElement));
        }
    }

    [Fact]
    public void A_valid_event_carries_its_time_as_an_instant()
    {
        var check = Validate("edu.school-status", _ => { });
        using var sample = JsonDocument.Parse(ValidSample);
        Assert.Equal(DateTimeOffset.Parse(sample.RootElement.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture), check.Time);
    }

    [Fact]
    public void A_record_of_the_feed_from_a_source_the_feed_does_not_list_is_rejected_at_source()
    {
        var healthSample = File.ReadAllText(Directory.GetFiles(
            Path.Combine(RepoPaths.Contracts, "health.facility-interop", "samples", "valid"), "*.json").Order(StringComparer.Ordinal).First());
        var evt = JsonSerializer.Deserialize<Dictionary<string, object?>>(healthSample)!;
        evt["source"] = "urn:lgsp:25:000.00.11.H25:csdl-giao-duc"; // the education feed's source
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(evt));

        var check = Support.Contracts.Validator().Validate(Support.Contracts.Catalogue.Find("health.facility-interop")!, document.RootElement);

        var error = Assert.Single(check.Errors);
        Assert.Equal("/source", error.Pointer);
        Assert.Contains("not a source of feed 'health.facility-interop'", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_feed_lists_its_sources()
    {
        Assert.All(Support.Contracts.Catalogue.Feeds, feed => Assert.NotEmpty(feed.Sources));
    }
}
