using System.Text.Json;

namespace IntegrationHub.Core.Ingest;

/// <summary>The events of a request, in request order, and the document that owns them (dispose after use).</summary>
public sealed class ParsedRequest(JsonDocument document, IReadOnlyList<JsonElement> events, bool batched) : IDisposable
{
    public IReadOnlyList<JsonElement> Events { get; } = events;
    public bool Batched { get; } = batched;

    public void Dispose() => document.Dispose();
}
