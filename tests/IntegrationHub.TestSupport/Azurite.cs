namespace IntegrationHub.TestSupport;

/// <summary>Azurite's well-known development account (public, the same for every Azurite), in one place for every test.</summary>
public static class Azurite
{
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The connection string of an Azurite on <paramref name="host"/> with its three services on the given ports.</summary>
    public static string ConnectionString(int blobPort, int queuePort, int tablePort, string host = "127.0.0.1") =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://{host}:{blobPort}/{AccountName};QueueEndpoint=http://{host}:{queuePort}/{AccountName};TableEndpoint=http://{host}:{tablePort}/{AccountName};";

    /// <summary>The connection string of an Azurite with every service on <paramref name="port"/> (nothing listens there: a closed backend).</summary>
    public static string ConnectionString(int port) => ConnectionString(port, port, port);
}
