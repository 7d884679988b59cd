using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Row and partition keys (layout in docs/adr/0007). Table storage forbids '/', '\', '#', '?' and control characters in
/// keys and limits each key to 1 KiB; entity keys come from departments' data, so anything outside a safe set is
/// percent-encoded ('|', the separator, included) and <see cref="IsStorableSubject"/> bounds the encoded length before
/// anything is committed.
/// </summary>
public static class TableKeys
{
    /// <summary>Ledger shards: a 100-event request touches at most this many ledger partitions.</summary>
    public const int LedgerShards = 8;

    /// <summary>Entity partitions per feed: a 100-event request of one feed touches at most this many entity partitions.</summary>
    public const int EntityBuckets = 8;

    /// <summary>Longest escaped subject: every row key built from it (history, index) stays under Table storage's 1 KiB.</summary>
    public const int MaxEscapedSubjectLength = 900;

    /// <summary>Longest escaped commune code in an index row key.</summary>
    public const int MaxEscapedCommuneLength = 64;

    public const string SnapshotRowPrefix = "s|";
    public const string HistoryRowPrefix = "h|";
    public const string IndexRowPrefix = "i|";
    public const string OutboxRowPrefix = "o|";

    /// <summary>Entity partition: bucket <c>b0</c>…<c>b7</c> of the feed, chosen by a hash of the subject.</summary>
    public static string EntityPartition(string feedId, string subject) => feedId + "|b" + Bucket(subject).ToString(CultureInfo.InvariantCulture);

    public static IEnumerable<string> EntityPartitions(string feedId) =>
        Enumerable.Range(0, EntityBuckets).Select(b => feedId + "|b" + b.ToString(CultureInfo.InvariantCulture));

    public static string SnapshotRowKey(string subject) => SnapshotRowPrefix + Escape(subject);

    /// <summary>An entity's history rows: <c>h|&lt;subject&gt;|&lt;UTC ticks of the event time&gt;|&lt;key hash prefix&gt;</c>.</summary>
    public static string HistoryRowKey(string subject, DateTimeOffset time, string keyHash) =>
        HistoryPrefix(subject) + Ticks(time) + "|" + keyHash[..16];

    public static string HistoryPrefix(string subject) => HistoryRowPrefix + Escape(subject) + "|";

    /// <summary>The snapshot index row of an entity in its commune: <c>i|&lt;commune&gt;|&lt;subject&gt;</c>.</summary>
    public static string IndexRowKey(string commune, string subject) => IndexPrefix(commune) + Escape(subject);

    public static string IndexPrefix(string? commune) => IndexRowPrefix + (string.IsNullOrEmpty(commune) ? "_" : Escape(commune)) + "|";

    /// <summary>Ledger shard of an event: <c>0</c>…<c>7</c>, from its key hash. Each holds ledger rows (k|) and outbox rows (o|).</summary>
    public static string LedgerPartition(string keyHash) =>
        (Convert.ToInt32(keyHash[..1], 16) % LedgerShards).ToString(CultureInfo.InvariantCulture);

    public static IEnumerable<string> LedgerPartitions => Enumerable.Range(0, LedgerShards).Select(s => s.ToString(CultureInfo.InvariantCulture));

    public static string LedgerRowKey(string keyHash) => "k|" + keyHash;

    /// <summary>
    /// Outbox row: <c>o|&lt;UTC ticks of the request's arrival&gt;|&lt;key hash&gt;</c>. Ordered by age, so the relay finds the
    /// entries older than its grace with a row-key range and never reads younger ones or the ledger rows.
    /// </summary>
    public static string OutboxRowKey(DateTimeOffset createdAt, string keyHash) => OutboxRowPrefix + Ticks(createdAt) + "|" + keyHash;

    /// <summary>Upper bound (exclusive) of the outbox rows created before <paramref name="time"/>.</summary>
    public static string OutboxRowsBefore(DateTimeOffset time) => OutboxRowPrefix + Ticks(time);

    public static string OutboxRowsEnd => "o}";

    /// <summary>Whether every key built from the subject fits Table storage's 1 KiB limit once escaped.</summary>
    public static bool IsStorableSubject(string subject) => EscapedLength(subject) <= MaxEscapedSubjectLength;

    public static bool IsStorableCommune(string commune) => EscapedLength(commune) <= MaxEscapedCommuneLength;

    public static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static string Escape(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (!IsSafe(c))
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsSafe(c))
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < value.Length
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            for (var b = 0; b < length; b++)
            {
                builder.Append('%').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static int EscapedLength(string value)
    {
        var length = 0;
        foreach (var c in value)
        {
            // Unsafe characters take 3 characters per UTF-8 byte (at most 4 bytes per code point: a bound, not exact).
            length += IsSafe(c) ? 1 : 3 * (c < 0x80 ? 1 : c < 0x800 ? 2 : 3);
        }

        return length;
    }

    private static int Bucket(string subject)
    {
        var byteCount = Encoding.UTF8.GetByteCount(subject);
        var buffer = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(subject, buffer);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer, hash);
        return hash[0] % EntityBuckets;
    }

    private static bool IsSafe(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~' or ':';
}
