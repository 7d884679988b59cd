namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// Chooses the target in force at the computation date, deterministically (docs/indicators.md, "Targets"):
/// <list type="number">
/// <item>the province's own target (<c>Hub:Ioc:Targets:&lt;id&gt;</c>), when configured, replaces the plans' value and/or year;</item>
/// <item>otherwise the plans' target with the nearest year not yet past (year ≥ the computation's year in province time);</item>
/// <item>when every year is past, the one with the latest year (a target stays in force until a later one replaces it);</item>
/// <item>between targets of the same year, the plan first in <c>Hub:Ioc:PlanPriority</c> (default: the order of the plans in
/// indicators.json), then the first listed.</item>
/// </list>
/// </summary>
public static class TargetSelector
{
    public const string ProvincePlan = "province";

    public static TargetInForce? Select(IReadOnlyList<PlanTarget> targets, int year, IReadOnlyList<string> planPriority, IndicatorTarget? configured)
    {
        var fromPlans = SelectFromPlans(targets, year, planPriority);
        if (configured is null || (configured.Value is null && configured.Year is null))
        {
            return fromPlans is null ? null : new TargetInForce(fromPlans.Value, fromPlans.Year, fromPlans.Plan);
        }

        var value = configured.Value ?? fromPlans?.Value;
        return value is null ? null : new TargetInForce(value.Value, configured.Year ?? fromPlans?.Year, ProvincePlan);
    }

    private static PlanTarget? SelectFromPlans(IReadOnlyList<PlanTarget> targets, int year, IReadOnlyList<string> planPriority)
    {
        if (targets.Count == 0)
        {
            return null;
        }

        var ahead = targets.Where(t => t.Year >= year).ToArray();
        var chosenYear = ahead.Length > 0 ? ahead.Min(t => t.Year) : targets.Max(t => t.Year);
        return targets.Select((t, order) => (Target: t, Order: order))
            .Where(t => t.Target.Year == chosenYear)
            .OrderBy(t => Rank(planPriority, t.Target.Plan))
            .ThenBy(t => t.Order)
            .First().Target;
    }

    private static int Rank(IReadOnlyList<string> priority, string plan)
    {
        for (var i = 0; i < priority.Count; i++)
        {
            if (priority[i] == plan)
            {
                return i;
            }
        }

        return priority.Count;
    }
}
