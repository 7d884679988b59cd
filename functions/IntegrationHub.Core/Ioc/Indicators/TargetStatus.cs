namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>An indicator's value against the target in force.</summary>
public static class TargetStatus
{
    public const string Met = "met";
    public const string NotMet = "notMet";
    public const string NoTarget = "noTarget";
    public const string Unavailable = "unavailable";

    /// <summary>The one rule: met when the value reaches the target in force (for the province and for a breakdown row alike).</summary>
    public static string Of(double? target, double? value) =>
        target is null ? NoTarget : value is null ? Unavailable : value >= target ? Met : NotMet;
}
