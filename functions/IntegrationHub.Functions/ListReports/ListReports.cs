using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Reports;
using IntegrationHub.Functions.Hosting;
using IntegrationHub.Functions.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.ListReports;

/// <summary>
/// <c>GET /api/reports?kind=&amp;scope=</c>: the stored periodic reports, the newest period first, with the paths of their files
/// (docs/reports.md). <c>kind</c> is <c>weekly</c> or <c>monthly</c>; <c>scope</c> is <c>province</c> or a department code of the catalogue.
/// </summary>
[HubPolicy(HubPolicies.SnapshotsRead)]
public sealed class ListReports(HubRequestPipeline pipeline, IReportStore store, FeedCatalogue catalogue, RequestAudit? audit = null)
{
    public const string Route = "api/reports";

    [Function(nameof(ListReports))]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request) =>
        pipeline.RunAsync<ListReports>(request, context => HandleAsync(context, context.RequestAborted));

    private async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        string? kind = context.Request.Query["kind"], scope = context.Request.Query["scope"];
        if (kind is not null && !ReportKind.IsKnown(kind))
        {
            return QueryParameters.Bad("kind", $"must be one of {string.Join(", ", ReportKind.All)}.");
        }

        var scopes = ReportScope.All(catalogue);
        if (scope is not null && scopes.All(s => s.Code != scope))
        {
            return QueryParameters.Bad("scope", $"must be one of {string.Join(", ", scopes.Select(s => s.Code))}.");
        }

        var reports = (await store.ListAsync(cancellationToken))
            .Where(r => (kind is null || r.Kind == kind) && (scope is null || r.Scope == scope))
            .ToArray();
        if (audit?.Refused(context, AuditEntry.ReportList, null, reports.Length, new JsonObject { ["kind"] = kind, ["scope"] = scope }) is { } refused)
        {
            return refused;
        }

        return Results.Json(new
        {
            reports = reports.Select(r => new
            {
                id = r.Id,
                kind = r.Kind,
                scope = r.Scope,
                periodStart = r.PeriodStart,
                periodEnd = r.PeriodEnd,
                generatedAt = r.GeneratedAt,
                html = $"/{Route}/{r.Id}/{ReportFile.Html}",
                csv = $"/{Route}/{r.Id}/{ReportFile.Csv}",
            }),
        }, Problems.Json);
    }
}
