using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.Tests.Ioc;

public class TargetSelectorTests
{
    private static readonly PlanTarget[] Targets =
    [
        new(2025, 80, "HB", "#8.1", YearStated: false),
        new(2025, 70, "QB"),
        new(2030, 85, "QB"),
    ];

    private static readonly string[] Priority = ["HB", "QB"];

    [Theory]
    [InlineData(2024, 80.0, 2025, "HB")] // the nearest year not past; HB before QB in the same year
    [InlineData(2025, 80.0, 2025, "HB")] // a target is in force through its own year
    [InlineData(2026, 85.0, 2030, "QB")]
    [InlineData(2030, 85.0, 2030, "QB")]
    [InlineData(2031, 85.0, 2030, "QB")] // every year past: the latest stays in force
    public void The_target_in_force_is_the_nearest_year_not_past(int year, double value, int targetYear, string plan) =>
        Assert.Equal(new TargetInForce(value, targetYear, plan), TargetSelector.Select(Targets, year, Priority, null));

    [Fact]
    public void Plan_priority_decides_between_targets_of_the_same_year() =>
        Assert.Equal(new TargetInForce(70, 2025, "QB"), TargetSelector.Select(Targets, 2025, ["QB", "HB"], null));

    [Fact]
    public void The_provinces_own_target_replaces_the_plans_value_or_year()
    {
        Assert.Equal(new TargetInForce(90, 2030, TargetSelector.ProvincePlan), TargetSelector.Select(Targets, 2026, Priority, new IndicatorTarget { Value = 90 }));
        Assert.Equal(new TargetInForce(85, 2028, TargetSelector.ProvincePlan), TargetSelector.Select(Targets, 2026, Priority, new IndicatorTarget { Year = 2028 }));
        Assert.Equal(new TargetInForce(50, null, TargetSelector.ProvincePlan), TargetSelector.Select([], 2026, Priority, new IndicatorTarget { Value = 50 }));
    }

    [Fact]
    public void Without_targets_there_is_none()
    {
        Assert.Null(TargetSelector.Select([], 2026, Priority, null));
        Assert.Null(TargetSelector.Select([], 2026, Priority, new IndicatorTarget { Year = 2030 })); // a year alone is no target
    }
}
