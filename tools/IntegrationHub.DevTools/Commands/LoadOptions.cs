namespace IntegrationHub.DevTools.Commands;

/// <summary>The options of <c>dev/load</c> (parsed in Cli/HubDevCommandLine.cs); defaults are those of <c>dev/up</c>.</summary>
internal sealed record LoadOptions(
    Uri Hub,
    double Rate,
    TimeSpan Duration,
    int Clients,
    int Batch,
    string Storage,
    string TablePrefix,
    string Amqp,
    TimeSpan Settle)
{
    /// <summary>Azurite's well-known development account on dev/up's ports.</summary>
    public const string DevelopmentStorage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
}
