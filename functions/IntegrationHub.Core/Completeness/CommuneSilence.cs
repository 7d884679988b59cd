namespace IntegrationHub.Core.Completeness;

/// <summary>How many entities of one commune stopped reporting (<see cref="Commune"/> <c>_</c>: records without a commune).</summary>
public sealed record CommuneSilence(string Commune, string? CommuneName, int Entities);
