namespace IntegrationHub.DevTools.Commands;

/// <summary>A token request hubdev cannot serve (unknown role or application, roles of different applications).</summary>
internal sealed class TokenRequestException(string message) : Exception(message);
