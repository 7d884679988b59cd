namespace IntegrationHub.Core.Contracts;

/// <summary>The assertions of the rule vocabulary.</summary>
public enum RuleKind
{
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Equal,
    NotAfterNow,
    AdminUnitInProvince,

    /// <summary>A number has at most N digits after the decimal point, read from its JSON text (exact, no floating point).</summary>
    DecimalPlaces,

    /// <summary>A date falls on a given day of the week.</summary>
    Weekday,
}
