namespace IntegrationHub.Core.Contracts;

/// <summary>
/// A cross-field rule declared in a contract's rules file (see contracts/README.md, "Rule vocabulary").
/// Pointers address the whole event, so <c>/time</c> is the CloudEvents time and <c>/data/x</c> a record field.
/// </summary>
public sealed record RuleDefinition(RuleKind Kind, string Field, string? Than, TimeSpan Tolerance, string? Message)
{
    public static readonly IReadOnlyDictionary<string, RuleKind> Names = new Dictionary<string, RuleKind>(StringComparer.Ordinal)
    {
        ["lt"] = RuleKind.LessThan,
        ["lte"] = RuleKind.LessThanOrEqual,
        ["gt"] = RuleKind.GreaterThan,
        ["gte"] = RuleKind.GreaterThanOrEqual,
        ["eq"] = RuleKind.Equal,
        ["notAfterNow"] = RuleKind.NotAfterNow,
        ["adminUnitInProvince"] = RuleKind.AdminUnitInProvince,
    };

    public bool IsComparison => Kind is RuleKind.LessThan or RuleKind.LessThanOrEqual or RuleKind.GreaterThan
        or RuleKind.GreaterThanOrEqual or RuleKind.Equal;
}
