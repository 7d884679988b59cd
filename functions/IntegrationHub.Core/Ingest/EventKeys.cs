using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Core.Ingest;

/// <summary>The hashes that identify events and blobs.</summary>
public static class EventKeys
{
    /// <summary>Lowercase hex SHA-256 of <c>source</c> + LF + <c>id</c>.</summary>
    public static string KeyHash(string source, string id)
    {
        var byteCount = Encoding.UTF8.GetByteCount(source) + 1 + Encoding.UTF8.GetByteCount(id);
        var buffer = byteCount <= 1024 ? stackalloc byte[byteCount] : new byte[byteCount];
        var written = Encoding.UTF8.GetBytes(source, buffer);
        buffer[written++] = (byte)'\n';
        Encoding.UTF8.GetBytes(id, buffer[written..]);
        return Sha256Hex(buffer);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }
}
