namespace IntegrationHub.Core.OpenData;

/// <summary>The public container the open-data export writes to.</summary>
public interface IOpenDataStore
{
    /// <summary>The container's URL (files are read at <c>&lt;uri&gt;/&lt;name&gt;</c>).</summary>
    Uri ContainerUri { get; }

    /// <summary>Writes (replaces) one file.</summary>
    Task WriteAsync(string name, string contentType, byte[] content, CancellationToken cancellationToken);
}
