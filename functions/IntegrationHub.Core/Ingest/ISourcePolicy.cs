namespace IntegrationHub.Core.Ingest;

/// <summary>Decides whether a sender may use a CloudEvents <c>source</c> (the sender registry).</summary>
public interface ISourcePolicy
{
    /// <summary>Null when allowed; otherwise the reason, for the per-record error.</summary>
    string? Check(SenderIdentity sender, string source);
}
