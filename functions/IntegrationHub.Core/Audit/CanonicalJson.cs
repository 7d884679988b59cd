using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Audit;

/// <summary>
/// The canonical form the chain hashes: members sorted by ordinal name at every level, no whitespace, System.Text.Json's
/// default escaping. Recomputed from the parsed line by the verifier, so a record's hash depends on its content only.
/// </summary>
public static class CanonicalJson
{
    public static byte[] Serialize(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node);
        }

        return stream.ToArray();
    }

    /// <summary>SHA-256 (lower-case hex) of the canonical form of <paramref name="content"/> without its <c>hash</c> member.</summary>
    public static string Sha256Hex(JsonObject content)
    {
        var copy = (JsonObject)content.DeepClone();
        copy.Remove("hash");
        return Convert.ToHexStringLower(SHA256.HashData(Serialize(copy)));
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
