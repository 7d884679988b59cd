using System.Buffers;
using System.Text;

namespace IntegrationHub.Core.Validation.Schema;

/// <summary>
/// Finds a schema's known property by the raw UTF-8 name from the instance without allocating:
/// entries are bucketed by byte length, and a bucket rarely holds more than a few names.
/// </summary>
internal sealed class PropertyTable
{
    private readonly PropertyEntry[][] _byLength;

    public PropertyTable(IReadOnlyList<PropertyEntry> entries)
    {
        Entries = entries.ToArray();
        var maxLength = 0;
        foreach (var entry in Entries)
        {
            maxLength = Math.Max(maxLength, entry.Utf8.Length);
        }

        var buckets = new List<PropertyEntry>[maxLength + 1];
        foreach (var entry in Entries)
        {
            (buckets[entry.Utf8.Length] ??= []).Add(entry);
        }

        _byLength = new PropertyEntry[maxLength + 1][];
        for (var i = 0; i < buckets.Length; i++)
        {
            _byLength[i] = buckets[i]?.ToArray() ?? [];
        }
    }

    public PropertyEntry[] Entries { get; }

    public int Count => Entries.Length;

    public PropertyEntry? Find(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length >= _byLength.Length)
        {
            return null;
        }

        foreach (var entry in _byLength[utf8Name.Length])
        {
            if (utf8Name.SequenceEqual(entry.Utf8))
            {
                return entry;
            }
        }

        return null;
    }

    public PropertyEntry? Find(string name)
    {
        var byteCount = Encoding.UTF8.GetByteCount(name);
        if (byteCount >= _byLength.Length)
        {
            return null;
        }

        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(name, rented);
            return Find(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
