using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Functions.Hosting.Identity;

/// <summary>A sender may use only the CloudEvents sources registered for its application in the sender registry.</summary>
public sealed class RegistrySourcePolicy(SenderRegistry registry) : ISourcePolicy
{
    public string? Check(SenderIdentity sender, string source)
    {
        var application = registry.FindByClientId(sender.AppId);
        if (application is null)
        {
            return $"source '{source}' is refused: application {sender.AppId} is not in the hub's sender registry";
        }

        if (application.MayUse(source))
        {
            return null;
        }

        var registered = application.Sources.Count == 0 ? "none" : string.Join(", ", application.Sources);
        return $"source '{source}' is not registered for application '{application.Name}' ({application.ClientId}); its registered sources: {registered}";
    }
}
