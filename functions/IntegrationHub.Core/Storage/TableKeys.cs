using System.Globalization;
using System.Text;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Row and partition keys. Table storage forbids '/', '\', '#', '?' and control characters in keys;
/// entity keys come from departments' data, so anything outside a safe set is percent-encoded.
/// </summary>
public static class TableKeys
{
    public const string SnapshotRowKey = "snapshot";

    /// <summary>Entity partition: a snapshot row and the entity's history rows, committed together.</summary>
    public static string EntityPartition(string feedId, string subject) => feedId + "|" + Escape(subject);

    public static string HistoryRowKey(DateTimeOffset time, string keyHash) =>
        "h|" + time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + keyHash[..16];

    public static string HistoryRowPrefix => "h|";

    /// <summary>Ledger shard: 16 partitions, each holding ledger rows (k|) and outbox rows (o|).</summary>
    public static string LedgerPartition(string keyHash) => keyHash[..1];

    public static IEnumerable<string> LedgerPartitions => "0123456789abcdef".Select(c => c.ToString());

    public static string LedgerRowKey(string keyHash) => "k|" + keyHash;

    public static string OutboxRowKey(string keyHash) => "o|" + keyHash;

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

    private static bool IsSafe(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~' or ':';
}
