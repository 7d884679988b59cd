using IntegrationHub.Core.AsOf;

namespace IntegrationHub.Core.Tests.AsOf;

/// <summary>The rule that picks an entity's state at an instant from what a read saw: records, bounds, arrival and commune.</summary>
public class AsOfMergeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static AsOfObservation Record(string id, int eventHour, int arrivalHour, string commune = "04795", string keyHash = "a") =>
        new("S-1", commune, id, "src", T0.AddHours(eventHour), T0.AddHours(arrivalHour), keyHash + id, null, null, IsRecord: true);

    [Fact]
    public void Nothing_had_arrived_before_the_first_arrival()
    {
        Assert.Null(AsOfMerge.Best([Record("e1", 1, 2)], T0.AddHours(1)));
    }

    [Fact]
    public void The_newest_by_event_time_among_those_arrived_wins_whatever_the_order_read()
    {
        AsOfObservation[] seen = [Record("e2", 5, 6), Record("e1", 1, 2), Record("e3", 3, 7)];

        Assert.Equal("e1", AsOfMerge.Best(seen, T0.AddHours(4))!.EventId);
        Assert.Equal("e2", AsOfMerge.Best(seen, T0.AddHours(6))!.EventId);
        Assert.Equal("e2", AsOfMerge.Best(seen.Reverse(), T0.AddHours(8))!.EventId);
    }

    [Fact]
    public void A_late_event_is_the_state_only_while_nothing_newer_had_arrived()
    {
        // e-late happened at 1 h but arrived at 7 h: as of 6 h it is unknown; as of 8 h it loses to e2 (event time 5 h).
        AsOfObservation[] seen = [Record("e2", 5, 6), Record("late", 1, 7)];

        Assert.Equal("e2", AsOfMerge.Best(seen, T0.AddHours(6))!.EventId);
        Assert.Equal("e2", AsOfMerge.Best(seen, T0.AddHours(8))!.EventId);
        Assert.Equal("late", AsOfMerge.Best([Record("late", 1, 7)], T0.AddHours(8))!.EventId);
    }

    [Fact]
    public void At_the_same_event_time_the_later_arrival_wins_then_the_key_hash()
    {
        Assert.Equal("second", AsOfMerge.Best([Record("second", 1, 3), Record("first", 1, 2)], T0.AddHours(4))!.EventId);
        Assert.Equal("b", AsOfMerge.Best([Record("a", 1, 2, keyHash: "1"), Record("b", 1, 2, keyHash: "2")], T0.AddHours(4))!.EventId);
    }

    [Fact]
    public void A_winning_bound_means_the_state_is_elsewhere_so_the_entity_is_not_listed()
    {
        // The event seen here lost, at commit, to an event of event time 5 h that arrived at 3 h (recorded in another commune).
        AsOfObservation[] seen = [Record("here", 1, 2), AsOfObservation.Bound("S-1", T0.AddHours(5), T0.AddHours(3))];

        Assert.Equal("here", AsOfMerge.StateIn(seen, T0.AddHours(2.5), "04795")!.EventId);
        Assert.Null(AsOfMerge.StateIn(seen, T0.AddHours(4), "04795"));
        Assert.Null(AsOfMerge.StateIn(seen, T0.AddHours(4), null));
    }

    [Fact]
    public void A_record_beats_the_bound_of_itself()
    {
        AsOfObservation[] seen = [Record("e2", 5, 3), AsOfObservation.Bound("S-1", T0.AddHours(5), T0.AddHours(3)), Record("e1", 1, 2)];

        Assert.Equal("e2", AsOfMerge.StateIn(seen, T0.AddHours(4), "04795")!.EventId);
    }

    [Fact]
    public void An_entity_is_listed_only_in_the_commune_of_its_state_at_the_instant()
    {
        AsOfObservation[] seen = [Record("in-a", 1, 1, "04795"), Record("moved-to-b", 2, 3, "04924")];

        Assert.Equal("in-a", AsOfMerge.StateIn(seen, T0.AddHours(2), "04795")!.EventId);
        Assert.Null(AsOfMerge.StateIn(seen, T0.AddHours(2), "04924"));
        Assert.Null(AsOfMerge.StateIn(seen, T0.AddHours(4), "04795"));
        Assert.Equal("moved-to-b", AsOfMerge.StateIn(seen, T0.AddHours(4), "04924")!.EventId);
        Assert.Equal("moved-to-b", AsOfMerge.StateIn(seen, T0.AddHours(4), null)!.EventId);
    }

    [Fact]
    public void Keys_order_arrivals_by_time_and_find_the_newest_checkpoint_first()
    {
        Assert.True(string.CompareOrdinal(AsOfKeys.ArrivalRowKey(T0, new string('f', 64)), AsOfKeys.ArrivalBoundary(T0)) < 0);
        Assert.True(string.CompareOrdinal(AsOfKeys.ArrivalBoundary(T0), AsOfKeys.ArrivalRowKey(T0.AddTicks(1), new string('0', 64))) < 0);
        Assert.True(string.CompareOrdinal(AsOfKeys.ManifestRowKey(T0.AddDays(1)), AsOfKeys.ManifestRowKey(T0)) < 0);
        Assert.StartsWith(AsOfKeys.CheckpointPrefix(T0, "04795"), AsOfKeys.CheckpointRowKey(T0, "04795", "a/b"), StringComparison.Ordinal);
        Assert.EndsWith("a%2Fb", AsOfKeys.CheckpointRowKey(T0, "04795", "a/b"), StringComparison.Ordinal);
    }
}
