namespace IntegrationHub.DevTools.Commands;

/// <summary>How <c>hubdev ndxp-sink</c> runs: where it listens, the control key, and the OAuth client it accepts (none: no token checked).</summary>
/// <param name="Port">The loopback port; 0 picks a free one (printed).</param>
/// <param name="ControlKey">The <c>X-Sink-Key</c> the control endpoints require.</param>
/// <param name="ClientId">The client id the token endpoint accepts; null: no bearer token is required.</param>
/// <param name="ClientSecret">That client's secret.</param>
/// <param name="TokenLifetime">How long an issued token is valid.</param>
internal sealed record NdxpSinkOptions(int Port, string ControlKey, string? ClientId, string? ClientSecret, TimeSpan TokenLifetime);
