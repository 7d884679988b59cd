using IntegrationHub.Core.Validation.Schema;

namespace IntegrationHub.Core.Contracts;

/// <summary>One major version of a feed's contract: its schema, its cross-field rules and its topic.</summary>
public sealed class FeedVersion
{
    public required int Major { get; init; }
    public required string Status { get; init; }
    public required string Topic { get; init; }
    public required string SchemaFile { get; init; }

    /// <summary>The schema document as published (served by <c>GET /api/feeds/{id}/schemas/v{major}</c>).</summary>
    public required byte[] SchemaJson { get; init; }
    public required CompiledSchema Schema { get; init; }
    public required IReadOnlyList<RuleDefinition> Rules { get; init; }

    public bool AcceptsEvents => Status is "active" or "deprecated";
}
