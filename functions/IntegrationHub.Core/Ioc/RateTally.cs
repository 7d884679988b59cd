using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc;

/// <summary>Numerator and denominator, overall and per breakdown key, accumulated one record at a time.</summary>
internal sealed class RateTally
{
    private readonly Dictionary<string, Dictionary<string, (long N, long D)>> _by = new(StringComparer.Ordinal);

    public long Numerator { get; private set; }
    public long Denominator { get; private set; }

    public void Add(long numerator, long denominator, params (string Breakdown, string? Key)[] keys)
    {
        Numerator += numerator;
        Denominator += denominator;
        foreach (var (breakdown, key) in keys)
        {
            if (key is null)
            {
                continue;
            }

            if (!_by.TryGetValue(breakdown, out var rows))
            {
                _by[breakdown] = rows = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
            }

            var (n, d) = rows.GetValueOrDefault(key);
            rows[key] = (n + numerator, d + denominator);
        }
    }

    public IReadOnlyList<BreakdownRow> Rows(string breakdown, Func<string, LocalizedText?> name) =>
        _by.TryGetValue(breakdown, out var rows)
            ? rows.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new BreakdownRow(r.Key, name(r.Key), r.Value.N, r.Value.D, Rate.Percent(r.Value.N, r.Value.D))).ToArray()
            : [];
}
