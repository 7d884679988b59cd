using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Reports;

/// <summary>Builds one scope's report of a period from the registered sections, in their order.</summary>
public sealed class ReportBuilder(IEnumerable<IReportSection> sections, ValidationOptions province, TimeProvider clock)
{
    private readonly IReadOnlyList<IReportSection> _sections = sections.OrderBy(s => s.Order).ToArray();

    public async Task<PeriodicReport> BuildAsync(ReportData data, ReportScope scope, CancellationToken cancellationToken)
    {
        var context = new ReportContext(data, scope);
        var built = new List<ReportSection>(_sections.Count);
        foreach (var section in _sections)
        {
            built.Add(await section.BuildAsync(context, cancellationToken));
        }

        return new PeriodicReport(data.Period.IdFor(scope.Code), data.Period, scope, province.ProvinceCode, clock.GetUtcNow(), built);
    }
}
