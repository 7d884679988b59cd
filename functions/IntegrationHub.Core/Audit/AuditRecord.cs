using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Audit;

/// <summary>
/// One line of the chain as stored: <c>seq</c>, <c>prev</c> (the predecessor's hash), <c>hash</c> (SHA-256 of the line's
/// canonical JSON without <c>hash</c>) and the entry's members.
/// </summary>
public sealed record AuditRecord(long Sequence, string Previous, string Hash, JsonObject Content)
{
    /// <summary>The predecessor hash of the first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Builds the record that follows <paramref name="previous"/> (sequence <paramref name="sequence"/> − 1).</summary>
    public static AuditRecord Create(AuditEntry entry, long sequence, string previous)
    {
        var content = new JsonObject
        {
            ["seq"] = sequence,
            ["prev"] = previous,
            ["time"] = entry.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["kind"] = entry.Kind,
            ["app"] = entry.AppId,
            ["tenant"] = entry.TenantId,
            ["feed"] = entry.FeedId,
            ["details"] = entry.Details.DeepClone(),
        };
        return new AuditRecord(sequence, previous, CanonicalJson.Sha256Hex(content), content);
    }

    /// <summary>The stored line: canonical JSON with <c>hash</c>, and a line feed.</summary>
    public byte[] ToLine()
    {
        var withHash = (JsonObject)Content.DeepClone();
        withHash["hash"] = Hash;
        var json = CanonicalJson.Serialize(withHash);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }
}
