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
}
