using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Functions.Hosting;

/// <summary>Any source is allowed: the policy of a hub without authentication, replaced by the sender registry when identity is on.</summary>
public sealed class UnrestrictedSourcePolicy : ISourcePolicy
{
    public string? Check(SenderIdentity sender, string source) => null;
}
