namespace IntegrationHub.Core.Completeness;

/// <summary>How one reporting period went: <see cref="OnTime"/>, <see cref="Late"/>, <see cref="Missing"/>, or <see cref="Open"/> (not yet due, nothing yet).</summary>
public static class PeriodStatus
{
    public const string OnTime = "onTime";
    public const string Late = "late";
    public const string Missing = "missing";
    public const string Open = "open";
}
