namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>
/// A sending application of the sender registry: its Entra ID application (client) id, the department that runs it and
/// the CloudEvents <c>source</c> values it may use.
/// </summary>
public sealed record SenderApplication(string Name, string ClientId, string Department, IReadOnlyList<string> Sources)
{
    public bool MayUse(string source) => Sources.Contains(source, StringComparer.Ordinal);
}
