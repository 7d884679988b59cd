namespace IntegrationHub.Core.Contracts.Compatibility;

/// <summary>One backward-incompatible difference between two versions of a contract: where (a JSON Pointer into the new
/// schema, or into the rules file as <c>rules/…</c>), which compatibility rule it breaks, and what changed.</summary>
public sealed record BreakingChange(string Pointer, string Rule, string Detail)
{
    public override string ToString() => $"{Pointer}: {Rule}: {Detail}";
}
