using System.Text;

namespace IntegrationHub.TestSupport;

/// <summary>One request as the ingest endpoint hands it to the core: the route's feed, the content type, the headers and the body.</summary>
public sealed record FuzzInput(string Feed, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, string Mutation)
{
    public override string ToString()
    {
        var body = Encoding.UTF8.GetString(Body);
        return $"{Mutation} → POST /api/feeds/{Feed}/events, Content-Type: {ContentType ?? "(none)"}, headers: "
            + string.Join(", ", Headers.Select(h => $"{h.Key}: {h.Value}")) + $", body ({Body.Length} bytes): {(body.Length > 600 ? body[..600] + "…" : body)}";
    }
}
