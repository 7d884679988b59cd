namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>An indicator's value against the target in force.</summary>
public static class TargetStatus
{
    public const string Met = "met";
    public const string NotMet = "notMet";
    public const string NoTarget = "noTarget";
    public const string Unavailable = "unavailable";
}
