namespace IntegrationHub.Core.Ioc;

/// <summary>The IOC side of the hub (section <c>Hub:Ioc</c>): freshness factors, indicator targets and the dashboard's sign-in.</summary>
public sealed class IocOptions
{
    /// <summary>A feed is late once its last accepted event is older than this many cadences.</summary>
    public double LateFactor { get; set; } = 1.5;

    /// <summary>A feed is silent once its last accepted event is older than this many cadences (or it never sent).</summary>
    public double SilentFactor { get; set; } = 3.0;

    /// <summary>Per feed id, an ISO 8601 duration replacing the catalogue's cadence (tests, or a feed agreed to report less often).</summary>
    public Dictionary<string, string> CadenceOverrides { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per indicator id (<c>I-05</c>), the province's own target, replacing the plans' target in force (indicators.json);
    /// provinces differ, so none is a constant.
    /// </summary>
    public Dictionary<string, IndicatorTarget> Targets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Plan ids (<c>HB</c>, <c>QB</c>…) in the order their targets win when two fall in the same year; empty: the order of indicators.json.</summary>
    public List<string> PlanPriority { get; set; } = [];

    /// <summary>How long computed indicators are served from memory.</summary>
    public TimeSpan IndicatorCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The window of "recent" activity (<c>$window</c> in indicators.json): I-01's and I-02's 30 days, and which dossiers and reports the rates count.</summary>
    public int WindowDays { get; set; } = 30;

    /// <summary>How many hours of indicator history the trend shows.</summary>
    public int TrendHours { get; set; } = 48;

    /// <summary>How many rejection reasons a feed-hour keeps, and the status and indicators show.</summary>
    public int TopReasons { get; set; } = 5;

    /// <summary>Data completeness: deadlines, silence, late streaks (<c>Hub:Ioc:Completeness</c>).</summary>
    public Completeness.CompletenessOptions Completeness { get; set; } = new();

    /// <summary>Sign-in of the dashboard in production (Entra ID, MSAL for the browser).</summary>
    public IocDashboardOptions Dashboard { get; set; } = new();

    public bool IsValid(out string problem)
    {
        problem = "";
        if (!(LateFactor > 0 && SilentFactor > LateFactor))
        {
            problem = "Hub:Ioc:LateFactor must be positive and Hub:Ioc:SilentFactor greater than it.";
        }
        else if (WindowDays < 1 || TrendHours < 1 || TopReasons < 1 || IndicatorCacheDuration < TimeSpan.Zero)
        {
            problem = "Hub:Ioc:WindowDays, TrendHours and TopReasons must be at least 1, IndicatorCacheDuration not negative.";
        }
        else if (!Completeness.IsValid(out var completeness))
        {
            problem = completeness;
        }
        else
        {
            foreach (var (feed, text) in CadenceOverrides)
            {
                if (!FreshnessRules.TryParseDuration(text, out var cadence) || cadence <= TimeSpan.Zero)
                {
                    problem = $"Hub:Ioc:CadenceOverrides:{feed} must be a positive ISO 8601 duration such as PT15M.";
                    break;
                }
            }
        }

        return problem.Length == 0;
    }
}
