namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>dev/stack failed; the message carries everything it printed, logs included.</summary>
public sealed class StackScriptException(string message) : Exception(message);
