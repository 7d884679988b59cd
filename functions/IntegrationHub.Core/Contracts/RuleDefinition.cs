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
        ["decimalPlaces"] = RuleKind.DecimalPlaces,
        ["weekday"] = RuleKind.Weekday,
    };

    /// <summary>For comparisons: <c>than</c> is multiplied by this integer first (e.g. a cap per beneficiary); 1 when absent.</summary>
    public long Factor { get; init; } = 1;

    /// <summary>For <c>decimalPlaces</c>: the most digits allowed after the decimal point of the number as written.</summary>
    public int Places { get; init; }

    /// <summary>For <c>weekday</c>: the day of the week a date must fall on.</summary>
    public DayOfWeek Day { get; init; }

    public bool IsComparison => Kind is RuleKind.LessThan or RuleKind.LessThanOrEqual or RuleKind.GreaterThan
        or RuleKind.GreaterThanOrEqual or RuleKind.Equal;
}
