namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>One measure's accumulation over the province and per breakdown key, one record (or feed) at a time.</summary>
internal sealed class MeasureTally(MeasureDefinition measure)
{
    private readonly Dictionary<string, Dictionary<string, MeasureCell>> _by = new(StringComparer.Ordinal);

    public MeasureDefinition Measure { get; } = measure;
    public MeasureCell Total { get; } = new();

    /// <summary>The cells a contribution goes to: the province's and, per breakdown, the record's key (none when it has no key).</summary>
    public IEnumerable<MeasureCell> Cells(IEnumerable<(string Breakdown, string? Key)> keys)
    {
        yield return Total;
        foreach (var (breakdown, key) in keys)
        {
            if (key is not null)
            {
                yield return Cell(breakdown, key);
            }
        }
    }

    public MeasureCell Cell(string breakdown, string key)
    {
        if (!_by.TryGetValue(breakdown, out var cells))
        {
            _by[breakdown] = cells = new Dictionary<string, MeasureCell>(StringComparer.Ordinal);
        }

        if (!cells.TryGetValue(key, out var cell))
        {
            cells[key] = cell = new MeasureCell();
        }

        return cell;
    }

    public IEnumerable<KeyValuePair<string, MeasureCell>> Rows(string breakdown) =>
        _by.TryGetValue(breakdown, out var cells) ? cells.OrderBy(c => c.Key, StringComparer.Ordinal) : [];

    /// <summary>Adds one record's contribution to <paramref name="cells"/>.</summary>
    public void Add(IndicatorRecord record, IEnumerable<MeasureCell> cells)
    {
        switch (Measure.Kind)
        {
            case MeasureKind.Ratio:
            {
                var (n, nKey) = Part(Measure.Numerator!, record);
                var (d, dKey) = Part(Measure.Denominator!, record);
                foreach (var cell in cells)
                {
                    cell.Numerator += n;
                    cell.Denominator += d;
                    if (nKey is not null)
                    {
                        cell.NumeratorKeys.Add(nKey);
                    }

                    if (dKey is not null)
                    {
                        cell.DenominatorKeys.Add(dKey);
                    }
                }

                break;
            }

            case MeasureKind.Sum:
            {
                var total = Measure.Sum.Sum(f => record.Number(f) ?? 0) - Measure.Subtract.Sum(f => record.Number(f) ?? 0);
                foreach (var cell in cells)
                {
                    cell.Numerator += total;
                    cell.Denominator++;
                }

                break;
            }

            case MeasureKind.WeightedMean:
                if (record.Number(Measure.Field!) is { } x && record.Number(Measure.Weight!) is { } w)
                {
                    foreach (var cell in cells)
                    {
                        cell.Numerator += w * x;
                        cell.Denominator += w;
                    }
                }

                break;
            case MeasureKind.Max:
                if (record.Number(Measure.Field!) is { } value)
                {
                    foreach (var cell in cells)
                    {
                        cell.Max = cell.Max is { } max ? Math.Max(max, value) : value;
                        cell.Denominator++;
                    }
                }

                break;
            case MeasureKind.Percentile:
                if (record.Number(Measure.Field!) is { } sample)
                {
                    foreach (var cell in cells)
                    {
                        cell.Samples.Add(sample);
                        cell.Denominator++;
                    }
                }

                break;
        }
    }

    private static (double Count, string? Key) Part(Quantity quantity, IndicatorRecord record)
    {
        if (quantity.Sum is { } fields)
        {
            return (fields.Sum(f => record.Number(f) ?? 0), null);
        }

        if (quantity.Count is { } filter && !filter.Matches(record))
        {
            return (0, null);
        }

        return quantity.Distinct is { } field ? (0, record.Key(field, "", _ => null)) : (1, null);
    }
}
