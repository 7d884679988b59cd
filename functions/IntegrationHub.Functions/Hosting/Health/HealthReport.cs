namespace IntegrationHub.Functions.Hosting.Health;

/// <summary>
/// The body of <c>GET /api/health</c> for <c>Hub.Admin</c>; others get <see cref="Status"/> only. <see cref="Checks"/>:
/// storage up|down, broker up|down, outbox ok|stale|unknown.
/// </summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks, int OutboxPending, DateTimeOffset CheckedAt);
