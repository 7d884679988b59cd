namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>What one measure has accumulated for the province or one breakdown key.</summary>
internal sealed class MeasureCell
{
    public double Numerator { get; set; }
    public double Denominator { get; set; }
    public double? Max { get; set; }
    public List<double> Samples { get; } = [];
    public HashSet<string> NumeratorKeys { get; } = new(StringComparer.Ordinal);
    public HashSet<string> DenominatorKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Numerator, denominator and value of <paramref name="measure"/> in <paramref name="unit"/>; the value is null when there is nothing to compute it from.</summary>
    public (long Numerator, long Denominator, double? Value) Evaluate(MeasureDefinition measure, string unit)
    {
        switch (measure.Kind)
        {
            case MeasureKind.Ratio:
            case MeasureKind.CommunesReporting:
            case MeasureKind.FeedsActive:
            case MeasureKind.FeedsFresh:
            case MeasureKind.AcceptedShare:
            case MeasureKind.NdxpDelivered:
            {
                var n = measure.Numerator?.Distinct is not null || measure.Kind == MeasureKind.CommunesReporting ? NumeratorKeys.Count : Numerator;
                var d = measure.Denominator?.Distinct is not null ? DenominatorKeys.Count : Denominator;
                double? value = d <= 0 ? null : unit switch
                {
                    "percent" => Math.Round(100.0 * n / d, 1, MidpointRounding.AwayFromZero),
                    "ratio" => Math.Round(n / d, 2, MidpointRounding.AwayFromZero),
                    _ => Math.Round(n, 1, MidpointRounding.AwayFromZero),
                };
                return (Whole(n), Whole(d), value);
            }

            case MeasureKind.Sum:
                return (Whole(Numerator), Whole(Denominator), Denominator <= 0 ? null : Math.Round(Numerator, 1, MidpointRounding.AwayFromZero));
            case MeasureKind.WeightedMean:
                return (Whole(unit == "percent" ? Numerator / 100 : Numerator), Whole(Denominator),
                    Denominator <= 0 ? null : Math.Round(Numerator / Denominator, 1, MidpointRounding.AwayFromZero));
            case MeasureKind.Max:
                return (Whole(Max ?? 0), Whole(Denominator), Max);
            case MeasureKind.Percentile:
            {
                if (Samples.Count == 0)
                {
                    return (0, 0, null);
                }

                Samples.Sort();
                var rank = (int)Math.Ceiling(measure.Percentile!.Value / 100 * Samples.Count); // nearest rank
                return (Samples.Count, Samples.Count, Math.Round(Samples[Math.Max(rank, 1) - 1], 1, MidpointRounding.AwayFromZero));
            }

            default:
                throw new InvalidOperationException($"Measure kind {measure.Kind} has no evaluation.");
        }
    }

    private static long Whole(double value) => (long)Math.Round(value, MidpointRounding.AwayFromZero);
}
