using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Reports;

/// <summary>What a section builds from: the period's data, the scope, and the indicators that belong to the scope.</summary>
public sealed record ReportContext(ReportData Data, ReportScope Scope)
{
    public ReportPeriod Period => Data.Period;

    /// <summary>Every indicator for the province; for a department, those computed from at least one of its feeds.</summary>
    public IReadOnlyList<Indicator> Indicators =>
        Data.AtEnd is null ? [] : Data.AtEnd.Indicators.Where(i => Scope.IsProvince || i.SourceFeeds.Any(Scope.FeedIds.Contains)).ToArray();
}
