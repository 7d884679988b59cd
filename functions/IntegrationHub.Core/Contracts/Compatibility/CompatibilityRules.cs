namespace IntegrationHub.Core.Contracts.Compatibility;

/// <summary>The names of the compatibility rules (contracts/README.md, "Compatibility rules"), as printed by <c>dev/compat</c>.</summary>
public static class CompatibilityRules
{
    public const string RequiredAdded = "required-added";
    public const string PropertyRemoved = "property-removed";
    public const string AdditionalPropertiesClosed = "additional-properties-closed";
    public const string PropertyConstrained = "property-constrained";
    public const string TypeNarrowed = "type-narrowed";
    public const string EnumValueRemoved = "enum-value-removed";
    public const string EnumAdded = "enum-added";
    public const string ConstChanged = "const-changed";
    public const string BoundTightened = "bound-tightened";
    public const string PatternTightened = "pattern-tightened";
    public const string FormatTightened = "format-tightened";
    public const string ConditionChanged = "condition-changed";
    public const string SubschemaAdded = "subschema-added";
    public const string RuleAdded = "rule-added";
}
