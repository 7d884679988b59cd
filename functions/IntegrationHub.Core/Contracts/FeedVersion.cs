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

    /// <summary>The first day (province time) on which events of this major are refused; null while none is set.</summary>
    public DateOnly? Sunset { get; init; }

    public bool AcceptsEvents => Status is "active" or "deprecated";

    public bool IsDeprecated => Status == "deprecated";

    /// <summary>Whether events of this major are still accepted on <paramref name="today"/> (a province date).</summary>
    public bool AcceptsEventsOn(DateOnly today) => AcceptsEvents && (Sunset is not { } sunset || today < sunset);
}
