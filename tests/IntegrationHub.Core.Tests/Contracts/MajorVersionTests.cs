using System.Text.Json;
using IntegrationHub.Core.Tests.Support;

namespace IntegrationHub.Core.Tests.Contracts;

/// <summary>Two majors of one feed side by side: each validated by its own schema, published to its own topic, one entity.</summary>
public class MajorVersionTests
{
    private const string Feed = "pubsvc.dossier-status";

    private static JsonDocument Sample(string kind, string name) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Contracts, Feed, "samples", kind, name + ".json")));

    [Fact]
    public void Each_major_has_its_own_topic_and_both_share_the_entity_key()
    {
        var feed = Support.Contracts.Catalogue.Find(Feed)!;
        Assert.Equal(["lgsp.pubsvc.dossier-status.v1", "lgsp.pubsvc.dossier-status.v2"], feed.Versions.Select(v => v.Topic));
        Assert.Equal(("deprecated", new DateOnly(2027, 12, 31)), (feed.Versions[0].Status, feed.Versions[0].Sunset!.Value));
        Assert.Equal(("active", (DateOnly?)null), (feed.Versions[1].Status, feed.Versions[1].Sunset));

        using var v1 = Sample("valid", "completed-online-full-no-commune");
        using var v2 = Sample("valid", "v2-completed-online-full-procedure-full-online");
        var validator = Support.Contracts.Validator();
        var one = validator.Validate(feed, v1.RootElement);
        var two = validator.Validate(feed, v2.RootElement);
        Assert.Equal((1, 2), (one.Version!.Major, two.Version!.Major));
        Assert.Equal(one.Subject, two.Subject);
    }

    [Fact]
    public void A_deprecated_major_before_its_sunset_is_accepted_with_a_warning_at_type()
    {
        var feed = Support.Contracts.Catalogue.Find(Feed)!;
        using var v1 = Sample("valid", "received-in-person-hoa-binh-no-fee");
        var check = Support.Contracts.Validator(SampleTime.Clock(new DateTimeOffset(2027, 12, 30, 23, 59, 0, TimeSpan.FromHours(7)))).Validate(feed, v1.RootElement);

        Assert.True(check.IsValid);
        var warning = Assert.Single(check.Warnings);
        Assert.Equal("/type", warning.Pointer);
        Assert.Contains("deprecated", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("2027-12-31", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("pubsvc.dossier-status.v2", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_major_past_its_sunset_is_rejected_at_type_from_midnight_in_the_province()
    {
        var feed = Support.Contracts.Catalogue.Find(Feed)!;
        using var v1 = Sample("valid", "received-in-person-hoa-binh-no-fee");
        // 2027-12-30T17:00Z is 2027-12-31T00:00+07:00: the sunset day has begun in the province.
        var check = Support.Contracts.Validator(SampleTime.Clock(new DateTimeOffset(2027, 12, 30, 17, 0, 0, TimeSpan.Zero))).Validate(feed, v1.RootElement);

        var error = Assert.Single(check.Errors);
        Assert.Equal("/type", error.Pointer);
        Assert.Contains("sunset on 2027-12-31", error.Detail, StringComparison.Ordinal);
        Assert.Contains("send pubsvc.dossier-status.v2", error.Detail, StringComparison.Ordinal);
        Assert.Null(check.Version);
    }

    [Fact]
    public void The_current_major_has_no_warning()
    {
        var feed = Support.Contracts.Catalogue.Find(Feed)!;
        using var v2 = Sample("valid", "v2-received-in-person-full-online-procedure");
        var check = Support.Contracts.Validator().Validate(feed, v2.RootElement);
        Assert.True(check.IsValid);
        Assert.Empty(check.Warnings);
    }
}
