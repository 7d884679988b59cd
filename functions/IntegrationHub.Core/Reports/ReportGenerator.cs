using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// Generates the closed weekly and monthly reports of every scope that are not stored yet. For a kind and scope with no report
/// stored, only the most recent closed period (a fresh hub does not fill its past with empty reports); otherwise every closed
/// period after the newest stored one (catching up after the hub was down), at most <see cref="ReportOptions.LookBackWeeks"/> or <see cref="ReportOptions.LookBackMonths"/>
/// back. A stored report is never regenerated, so runs are idempotent, and a run that fails part way is completed by the next.
/// Each period's data is read once and shared by its scopes.
/// </summary>
public sealed class ReportGenerator(FeedCatalogue catalogue, ReportDataReader reader, ReportBuilder builder, IReportStore store,
    ReportOptions options, ProvinceTime time, TimeProvider clock)
{
    public async Task<ReportRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = await store.ListAsync(cancellationToken);
        var ids = stored.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var generated = new List<string>();
        var already = 0;
        foreach (var kind in ReportKind.All)
        {
            var recent = ReportPeriods.RecentClosed(kind, now, time, kind == ReportKind.Weekly ? options.LookBackWeeks : options.LookBackMonths);
            var data = new Dictionary<DateTimeOffset, ReportData>();
            foreach (var scope in ReportScope.All(catalogue))
            {
                var newest = stored.Where(r => r.Kind == kind && r.Scope == scope.Code).Select(r => (DateTimeOffset?)r.PeriodStart).Max();
                var due = newest is { } last ? recent.Where(p => p.Start > last) : recent.Take(1);
                already += recent.Count(p => ids.Contains(p.IdFor(scope.Code)));
                foreach (var period in due.Reverse())
                {
                    var id = period.IdFor(scope.Code);
                    if (!ids.Add(id))
                    {
                        continue;
                    }

                    if (!data.TryGetValue(period.Start, out var periodData))
                    {
                        periodData = await reader.ReadAsync(period, now, cancellationToken);
                        data[period.Start] = periodData;
                    }

                    var report = await builder.BuildAsync(periodData, scope, cancellationToken);
                    await store.SaveAsync(new StoredReport(report.Id, kind, scope.Code, period.Start, period.End, report.GeneratedAt),
                        ReportHtml.Render(report, time), ReportCsv.Render(report), cancellationToken);
                    generated.Add(id);
                }
            }
        }

        return new ReportRun(generated, already);
    }
}
