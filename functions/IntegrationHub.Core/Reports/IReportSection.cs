namespace IntegrationHub.Core.Reports;

/// <summary>
/// One section of every report. The builder takes its sections from the registered ones, in <see cref="Order"/>; a new kind of
/// content (the data-completeness section, for one) is a new implementation registered beside these, with no change to the
/// builder or the renderers.
/// </summary>
public interface IReportSection
{
    /// <summary>Where the section goes: lower first (indicators 100, trends 200, rejection reasons 400).</summary>
    int Order { get; }

    Task<ReportSection> BuildAsync(ReportContext context, CancellationToken cancellationToken);
}
