using System.Text.Json;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.OpenData;

/// <summary>
/// Sums up a public feed's current entities (its snapshots) per commune and per value of the feed's open-data dimensions:
/// the number of entities and, for each measure, the statistics its <c>openData</c> block lists. Only the commune, the
/// dimensions and the statistics come out; the entity keys and every other field stay behind.
/// </summary>
public static class OpenDataAggregator
{
    /// <summary>Places of a mean; sums, minima and maxima are exact.</summary>
    public const int MeanDecimals = 4;

    public const string CommuneColumn = "commune";
    public const string CommuneNameColumn = "communeName";
    public const string EntitiesColumn = "entities";

    /// <exception cref="ArgumentException">The feed has no <c>openData</c> block (it is not public, or not published).</exception>
    public static OpenDataTable Aggregate(FeedDefinition feed, IEnumerable<SnapshotIndexEntry> entries, AdminUnitRegistry adminUnits)
    {
        var openData = feed.OpenData ?? throw new ArgumentException($"Feed {feed.Id} has no openData block.", nameof(feed));
        var groups = new SortedDictionary<string, Group>(StringComparer.Ordinal);
        DateTimeOffset? start = null, end = null;
        long skipped = 0;
        foreach (var entry in entries)
        {
            if (entry.Data is null || entry.Commune is "_" or "")
            {
                skipped++;
                continue;
            }

            using var data = JsonDocument.Parse(entry.Data);
            var dimensions = new string[openData.Dimensions.Count];
            var complete = true;
            for (var i = 0; i < dimensions.Length; i++)
            {
                if (data.RootElement.TryGetProperty(openData.Dimensions[i], out var value) && value.ValueKind == JsonValueKind.String)
                {
                    dimensions[i] = value.GetString()!;
                }
                else
                {
                    complete = false;
                }
            }

            if (!complete)
            {
                skipped++;
                continue;
            }

            var key = string.Join('\u001f', dimensions.Prepend(entry.Commune));
            if (!groups.TryGetValue(key, out var group))
            {
                group = new Group(entry.Commune, dimensions, openData.Measures.Count);
                groups.Add(key, group);
            }

            group.Add(data.RootElement, openData.Measures);
            start = start is null || entry.EventTime < start ? entry.EventTime : start;
            end = end is null || entry.EventTime > end ? entry.EventTime : end;
        }

        var rows = groups.Values
            .Select(g => new OpenDataRow(g.Commune, adminUnits.Find(adminUnits.CurrentVersion, g.Commune)?.CommuneName, g.Dimensions, g.Entities, g.Statistics(openData.Measures)))
            .ToArray();
        return new OpenDataTable(feed, Columns(openData), rows, start, end, skipped);
    }

    public static IReadOnlyList<string> Columns(OpenDataDefinition openData) =>
        new[] { CommuneColumn, CommuneNameColumn }
            .Concat(openData.Dimensions)
            .Append(EntitiesColumn)
            .Concat(openData.Measures.SelectMany(m => m.Statistics.Select(s => m.Field + "_" + s)))
            .ToArray();

    private sealed class Group(string commune, string[] dimensions, int measures)
    {
        private readonly Accumulator[] _measures = Enumerable.Range(0, measures).Select(_ => new Accumulator()).ToArray();

        public string Commune { get; } = commune;
        public string[] Dimensions { get; } = dimensions;
        public long Entities { get; private set; }

        public void Add(JsonElement data, IReadOnlyList<OpenDataMeasure> measures)
        {
            Entities++;
            for (var i = 0; i < measures.Count; i++)
            {
                if (data.TryGetProperty(measures[i].Field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
                {
                    _measures[i].Add(number);
                }
            }
        }

        public IReadOnlyList<decimal?> Statistics(IReadOnlyList<OpenDataMeasure> measures) =>
            measures.SelectMany((m, i) => m.Statistics.Select(s => _measures[i].Value(s))).ToArray();
    }

    private sealed class Accumulator
    {
        private long _count;
        private decimal _sum;
        private decimal? _min;
        private decimal? _max;

        public void Add(decimal value)
        {
            _count++;
            _sum += value;
            _min = _min is null || value < _min ? value : _min;
            _max = _max is null || value > _max ? value : _max;
        }

        public decimal? Value(string statistic) => _count == 0
            ? null
            : statistic switch
            {
                OpenDataMeasure.Sum => _sum,
                OpenDataMeasure.Mean => Math.Round(_sum / _count, MeanDecimals, MidpointRounding.AwayFromZero),
                OpenDataMeasure.Min => _min,
                OpenDataMeasure.Max => _max,
                _ => throw new ArgumentOutOfRangeException(nameof(statistic), statistic, "not an open-data statistic"),
            };
    }
}
