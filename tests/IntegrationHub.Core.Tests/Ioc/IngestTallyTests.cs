using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Tests.Ioc;

public class IngestTallyTests
{
    [Fact]
    public void Counts_outcomes_and_groups_reasons_by_pointer_and_text()
    {
        EventResult[] results =
        [
            new(0, "a", EventResult.Accepted, []),
            new(1, "b", EventResult.Duplicate, []),
            new(2, "c", EventResult.Rejected, [new ValidationError("/data/communeCode", "must match ^[0-9]{5}$"), new ValidationError("/data/communeCode", "not in province")]),
            new(3, "d", EventResult.Rejected, [new ValidationError("/data/communeCode", "must match ^[0-9]{5}$")]),
        ];

        var tally = IngestTally.From("edu.school-status", DateTimeOffset.UnixEpoch, results);

        Assert.Equal((1, 2, 1), (tally.Accepted, tally.Rejected, tally.Duplicates));
        Assert.Equal(2, tally.Reasons[("/data/communeCode", "must match ^[0-9]{5}$")]);
        Assert.Single(tally.Reasons); // one pointer counts once per record
    }

    [Fact]
    public void Reasons_never_carry_the_values_a_sender_put_in_a_bad_field()
    {
        var reason = IngestTally.Shorten("must be the entity key '001234567890' (from schoolCode) or absent");
        Assert.DoesNotContain("001234567890", reason, StringComparison.Ordinal);
        Assert.Equal("must be the entity key '…' (from schoolCode) or absent", reason);
        Assert.True(IngestTally.Shorten(new string('x', 500)).Length <= 120);
    }
}
